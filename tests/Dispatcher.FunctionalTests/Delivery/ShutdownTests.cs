using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>A graceful stop finishes the attempt in hand and hands back the rest, due at once.</summary>
[Collection(RedisCollection.Name)]
public sealed class ShutdownTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Stopping_finishes_the_attempt_in_flight_and_hands_back_queued_work_for_the_next_instance()
    {
        const int events = 6;
        await using var receiver = await TestReceiver.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = async (_, aborted) =>
        {
            await gate.Task.WaitAsync(aborted);
            return 200;
        };
        var settings = new Dictionary<string, string?>
        {
            ["Dispatcher:Delivery:ConcurrencyPerEndpoint"] = "1",
            ["Dispatcher:Delivery:EndpointQueueCapacity"] = "4",
        };
        string prefix = RedisServerFixture.NewPrefix();
        var first = await DispatcherTestServer.StartAsync(redis, output, settings, prefix: prefix);
        await first.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using (var publisher = first.Publisher())
        {
            for (int i = 0; i < events; i++)
            {
                await publisher.PublishAsync(TestEvents.Create($"evt_stop_{i}"));
            }
        }
        var inFlight = await receiver.NextAsync();

        var stopping = first.Stopping;
        var stopped = first.DisposeAsync().AsTask();
        await stopping;
        // While the attempt is still held, the server already takes no new connection (REST, gRPC
        // ingest, probes): a load balancer's probe is refused, a producer reconnects elsewhere.
        await RefusedAsync(first.Http);
        Assert.False(stopped.IsCompleted, "the server stopped before its attempt in flight was answered");
        gate.SetResult();
        await stopped.WaitAsync(TimeSpan.FromSeconds(30));

        // The attempt in hand completed (it was not abandoned to its claim)...
        Assert.Contains(first.Logs.Entries, e => e.Id.Name == "AttemptSettled" && e.Message.Contains("succeeded"));
        // ...and the rest is sent by the next instance at once, not after the 60 s claim timeout.
        await using var second = await DispatcherTestServer.StartAsync(redis, output, settings, prefix: prefix);
        var seen = receiver.All.Select(r => r.BodyText).ToList();
        while (Enumerable.Range(0, events).Any(i => !seen.Any(b => b.Contains($"\"evt_stop_{i}\""))))
        {
            seen.Add((await receiver.NextAsync(TimeSpan.FromSeconds(15))).BodyText);
        }
        Assert.Contains("evt_stop_", inFlight.BodyText);
    }

    private static async Task RefusedAsync(Uri address)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            // A new client each time: a pooled connection would outlive the listener.
            using var http = new HttpClient { BaseAddress = address };
            try
            {
                using var _ = await http.GetAsync("/healthz", cts.Token);
            }
            catch (HttpRequestException ex) when (ex.InnerException is System.Net.Sockets.SocketException)
            {
                return;
            }
            await Task.Delay(20, cts.Token);
        }
    }
}
