using System.Net;
using System.Text.Json;
using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Client.Publishing;
using Dispatcher.Client.Signatures;
using Dispatcher.Redis;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Listen;

/// <summary>
/// <c>dispatcher listen</c> connected to an instance that does not deliver its webhook's partition:
/// the holder relays each attempt there, and the CLI's report back.
/// </summary>
[Collection(ListenRedisCollection.Name)]
public sealed class ListenAcrossInstancesTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string StreamClosed = "the `dispatcher listen` stream closed";

    private static readonly Dictionary<string, string> Settings = new()
    {
        // One partition: one instance delivers every webhook, the other none.
        ["Dispatcher__Partitions__Count"] = "1",
        // Short leases, so the first instance up hands partition 0 over within seconds when the share says so.
        ["Dispatcher__Partitions__LeaseTtl"] = "00:00:05",
        // Longer than every wait below: an attempt that hung until its timeout could not pass for a quick answer.
        ["Dispatcher__Delivery__RequestTimeout"] = "00:00:20",
        ["Dispatcher__Delivery__ClaimTimeout"] = "00:02:00",
        ["Logging__LogLevel__Dispatcher.Server.Listen"] = "Debug",
    };

    [Fact]
    public async Task Listen_on_the_instance_without_the_partition_gets_each_event_once_through_the_holder()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await using var servers = await TwoInstances.StartAsync(redis, prefix, output, Settings);
        await using var receiver = await TestReceiver.StartAsync();
        await using var listen = CliProcess.Start(CliServer.Environment(servers.Other.Http, servers.Other.Grpc), output,
            "listen", "--forward-to", receiver.Url("/webhooks").ToString(), "--events", "link.clicked");
        string webhookId = (await listen.NextLineAsync(l => l.StartsWith("Ready: temporary webhook ", StringComparison.Ordinal))).Split(' ')[3];
        string secret = (await listen.NextLineAsync(l => l.StartsWith("Your webhook signing secret is ", StringComparison.Ordinal))).Split(' ')[^1];
        Assert.Equal(servers.OtherId, await servers.ListenHolderAsync(webhookId));

        var sent = new HashSet<string> { "evt_relay_1", "evt_relay_2", "evt_relay_3" };
        await using (var publisher = new DispatcherPublisher(new PublisherOptions { Address = servers.Holder.Grpc, ProducerKey = DispatcherTestServer.ProducerKey }))
        {
            foreach (string eventId in sent)
            {
                Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create(eventId))).Status);
            }
        }

        var received = new HashSet<string>();
        foreach (var _ in sent)
        {
            var request = await receiver.NextAsync();
            Assert.Equal("/webhooks", request.Path);
            Assert.True(WebhookSignature.Verify(secret, request.Header("CD4CD-Signature")!, request.Body, TimeSpan.FromMinutes(5)));
            Assert.Equal("Dispatcher-Webhooks/1.0", request.Header("User-Agent"));
            Assert.StartsWith("application/json", request.Header("Content-Type"));
            using var body = JsonDocument.Parse(request.Body);
            received.Add(body.RootElement.GetProperty("id").GetString()!);
        }
        Assert.Equal(sent, received);

        // The holder's delivery log records the local endpoint's answer, relayed back from the CLI.
        using var api = Api(servers.Holder);
        var logged = await DeliveryLogPoll.WaitForAsync(api, webhookId, "succeeded", sent, TimeSpan.FromSeconds(15),
            () => $"the receiver got {receiver.All.Count}");
        Assert.All(logged, e => Assert.Equal(200, e.GetProperty("statusCode").GetInt32()));
        Assert.Equal(sent.Count, receiver.All.Count);
        // Still the same holder: the events did go from one instance to the other.
        Assert.Equal(servers.HolderId, await servers.LeaseHolderAsync());

        listen.Interrupt();
        var ended = await listen.WaitForExitAsync();
        Assert.Equal(0, ended.ExitCode);
        Assert.Contains($"deleted the temporary webhook {webhookId}", ended.Stdout);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}")).Status);
        await WaitUntilForgottenAsync(servers, webhookId);
    }

    [Fact]
    public async Task An_attempt_relayed_to_an_instance_whose_stream_has_closed_fails_at_once_as_a_connection_error()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await using var servers = await TwoInstances.StartAsync(redis, prefix, output, Settings);
        string webhookId;
        await using (var listen = CliProcess.Start(CliServer.Environment(servers.Other.Http, servers.Other.Grpc), output,
            "listen", "--forward-to", "http://127.0.0.1:9/never", "--events", "link.clicked"))
        {
            webhookId = (await listen.NextLineAsync(l => l.StartsWith("Ready: temporary webhook ", StringComparison.Ordinal))).Split(' ')[3];
        }
        // The CLI was killed: its webhook stays, and its stream's end removes the registry entry.
        await WaitUntilForgottenAsync(servers, webhookId);
        // As if the stream had closed just after the holder read the registry: the entry still names the other instance.
        await redis.Db.StringSetAsync(new RedisKeys(prefix).ListenHolder(webhookId), servers.OtherId, TimeSpan.FromSeconds(30));

        await using (var publisher = new DispatcherPublisher(new PublisherOptions { Address = servers.Holder.Grpc, ProducerKey = DispatcherTestServer.ProducerKey }))
        {
            Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_relay_gone"))).Status);
        }

        // Well within the 20 s request timeout: the other instance answered, the attempt did not hang.
        using var api = Api(servers.Holder);
        var entry = (await DeliveryLogPoll.WaitForAsync(api, webhookId, "retrying", new HashSet<string> { "evt_relay_gone" },
            TimeSpan.FromSeconds(10), () => "no attempt ended yet")).Last();
        Assert.Equal(StreamClosed, entry.GetProperty("error").GetString());
        Assert.True(entry.GetProperty("latencyMs").GetDouble() < 10_000);
    }

    /// <summary>
    /// Polls (up to 10 s) until the registry no longer names an instance for the session: the server sees
    /// the stream end only after the CLI has gone, and tells nobody outside its process.
    /// </summary>
    private static async Task WaitUntilForgottenAsync(TwoInstances servers, string webhookId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await servers.ListenHolderAsync(webhookId) is { } holder)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the listen registry still names {holder} 10 s after the CLI left");
            await Task.Delay(100);
        }
    }

    private static HttpClient Api(ServerProcess server)
    {
        var api = new HttpClient { BaseAddress = server.Http };
        api.DefaultRequestHeaders.Authorization = new("Bearer", DispatcherTestServer.ApiKey);
        return api;
    }
}
