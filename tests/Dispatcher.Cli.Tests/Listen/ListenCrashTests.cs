using System.Net.Http.Headers;
using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Listen;

/// <summary>Killing the server mid-stream and restarting it: the CLI reconnects to the same session; nothing is lost or doubled.</summary>
[Collection(ListenRedisCollection.Name)]
public sealed class ListenCrashTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_server_killed_mid_stream_and_restarted_loses_nothing_and_the_local_endpoint_gets_each_event_once()
    {
        const int events = 8;
        int httpPort = Ports.Free(), grpcPort = Ports.Free();
        var settings = new Dictionary<string, string>
        {
            // The restarted server answers where the CLI reconnects.
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            // Short claims so a killed server's attempts are due again soon: 3 s × (16 / 4 + 1) = 15 s < 16 s.
            ["Dispatcher__Delivery__RequestTimeout"] = "00:00:03",
            ["Dispatcher__Delivery__ClaimTimeout"] = "00:00:16",
            ["Dispatcher__Partitions__LeaseTtl"] = "00:00:03",
            // Attempts made while no CLI is connected fail as connection errors: retry them quickly.
            ["Dispatcher__Delivery__RetrySchedule__0"] = "1",
            ["Dispatcher__Delivery__RetrySchedule__1"] = "1",
            ["Dispatcher__Delivery__RetrySchedule__2"] = "2",
            ["Dispatcher__Delivery__RetrySchedule__3"] = "2",
            ["Dispatcher__Delivery__RetrySchedule__4"] = "5",
            ["Dispatcher__Delivery__RetrySchedule__5"] = "5",
            // What the engine and the listen sessions do shows in the test output.
            ["Logging__LogLevel__Dispatcher.Engine"] = "Debug",
            ["Logging__LogLevel__Dispatcher.Server.Listen"] = "Debug",
        };
        // ServerProcess reports the ports it picked; these settings override them, so use ours.
        Uri http = new($"http://127.0.0.1:{httpPort}"), grpc = new($"http://127.0.0.1:{grpcPort}");
        var env = CliServer.Environment(http, grpc);
        var gateHit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await TestReceiver.StartAsync();
        // The fifth event's local answer is held until the server is dead, so its report cannot arrive.
        receiver.Respond = async (request, aborted) =>
        {
            if (request.Header("webhook-id") == "evt_crash_5" && gateHit.TrySetResult())
            {
                await gate.Task.WaitAsync(aborted);
            }
            return 200;
        };
        try
        {
            await RunAsync(receiver, settings, env, http, grpc, gateHit, gate, events);
        }
        finally
        {
            // Never leave the receiver's request hanging: its shutdown would wait for it.
            gate.TrySetResult();
        }
    }

    private async Task RunAsync(
        TestReceiver receiver, Dictionary<string, string> settings, Dictionary<string, string> env, Uri http, Uri grpc,
        TaskCompletionSource gateHit, TaskCompletionSource gate, int events)
    {
        string prefix = RedisServerFixture.NewPrefix();
        using var api = new HttpClient { BaseAddress = http };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DispatcherTestServer.ApiKey);
        var first = await ServerProcess.StartAsync(redis, prefix, output, settings);
        await using var listen = CliProcess.Start(env, output,
            "listen", "--forward-to", receiver.Url("/local").ToString(), "--events", "link.clicked", "--format", "standard-webhooks");
        string webhookId = (await listen.NextLineAsync(l => l.StartsWith("Ready: temporary webhook ", StringComparison.Ordinal))).Split(' ')[3];
        await using (first)
        {
            // One delivery in flight at the local endpoint when the server dies: its report cannot arrive.
            await using var publisher = new DispatcherPublisher(new PublisherOptions { Address = grpc, ProducerKey = DispatcherTestServer.ProducerKey });
            // A first delivery settles normally: the pump's first claim of a webhook it does not know yet lasts the
            // slowest format's timeout + 10 s (40 s here), later ones the webhook's own (16 s here). Its log entry is
            // written just before it settles; were the kill to land between the two, it would be re-sent after 40 s.
            Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_crash_0"))).Status);
            await listen.NextLineAsync(l => l.Contains("evt_crash_0", StringComparison.Ordinal));
            await WaitUntilLoggedAsync(api, webhookId, new HashSet<string> { "evt_crash_0" }, TimeSpan.FromSeconds(30), receiver);
            Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_crash_5"))).Status);
            await gateHit.Task.WaitAsync(TimeSpan.FromSeconds(30));
            first.Kill();
        }
        gate.TrySetResult();
        await listen.NextStderrAsync("connection lost");

        await using var second = await ServerProcess.StartAsync(redis, prefix, output, settings);
        await listen.NextStderrAsync($"reconnected to {webhookId}");
        await using (var publisher = new DispatcherPublisher(new PublisherOptions { Address = grpc, ProducerKey = DispatcherTestServer.ProducerKey }))
        {
            for (int i = 0; i < events; i++)
            {
                var status = (await publisher.PublishAsync(TestEvents.Create($"evt_crash_{i}"))).Status;
                // Accepted by the killed server: duplicates now, and still delivered once.
                Assert.Equal(i is 0 or 5 ? PublishStatus.Duplicate : PublishStatus.Accepted, status);
            }
        }

        // The held delivery is re-sent once its claim expires; the CLI answers it from memory, without a second POST.
        var all = Enumerable.Range(0, events).Select(i => $"evt_crash_{i}").ToHashSet();
        await WaitUntilLoggedAsync(api, webhookId, all, TimeSpan.FromSeconds(60), receiver);
        // Standard Webhooks' webhook-id header is the event id.
        var received = receiver.All.Select(r => r.Header("webhook-id")).ToList();
        Assert.Equal(events, received.Distinct().Count());
        Assert.Equal(events, received.Count);

        listen.Interrupt();
        Assert.Equal(0, (await listen.WaitForExitAsync()).ExitCode);
    }

    private static Task WaitUntilLoggedAsync(HttpClient api, string webhookId, IReadOnlySet<string> eventIds, TimeSpan bound, TestReceiver receiver) =>
        DeliveryLogPoll.WaitForAsync(api, webhookId, "succeeded", eventIds, bound, () => $"the receiver got {receiver.All.Count}");
}
