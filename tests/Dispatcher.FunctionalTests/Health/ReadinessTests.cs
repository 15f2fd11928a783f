using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Health;

/// <summary>/readyz needs Redis and a working lease loop; a Redis restart loses nothing acknowledged.</summary>
[Collection(RedisCollection.Name)]
public sealed class ReadinessTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Not_ready_while_the_lease_loop_cannot_take_a_lease_though_redis_answers()
    {
        string prefix = RedisServerFixture.NewPrefix();
        // A lease key of the wrong type: every renewal fails while PING still answers.
        string lease = $"{prefix}:{{p:0}}:lease";
        await redis.Db.HashSetAsync(lease, "not", "a lease");
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Partitions:Count"] = "1",
            ["Dispatcher:Partitions:LeaseTtl"] = "00:00:03",
        }, prefix: prefix);
        // The lease key is broken on purpose: until it is deleted the leases check is Unhealthy, logged at Error.
        server.ExpectErrors(ServerErrors.Unhealthy("leases"));
        using var http = new HttpClient { BaseAddress = server.Http };

        var notReady = await http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        await redis.Db.KeyDeleteAsync(lease);
        await server.Logs.WaitForAsync("PartitionsHeld");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Ready_follows_a_redis_restart_and_every_acknowledged_event_is_delivered()
    {
        // A Redis of its own, so the replay below has a known length: this test's writes plus
        // filler. While it replays its AOF, Redis serves clients every 1,024 commands and answers
        // them LOADING; the filler makes ~200 such windows for the server to live through.
        var ownRedis = new RedisServerFixture();
        await ownRedis.InitializeAsync();
        try
        {
            await Task.WhenAll(Enumerable.Range(0, 200_000).Select(i => ownRedis.Db.StringSetAsync($"filler:{i}", i)));
            await RestartRedisUnderLoadAsync(ownRedis);
        }
        finally
        {
            await ownRedis.DisposeAsync();
        }
    }

    private async Task RestartRedisUnderLoadAsync(RedisServerFixture redis)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = async (_, ct) =>
        {
            await gate.Task.WaitAsync(ct);
            return 200;
        };
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        string[] ids = ["evt_r1", "evt_r2", "evt_r3", "evt_r4", "evt_r5", "evt_r6"];
        foreach (string id in ids[..5])
        {
            Assert.Equal(Client.Publishing.PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create(id))).Status);
        }
        await server.Logs.WaitForAsync("PartitionsHeld");
        using var http = new HttpClient { BaseAddress = server.Http };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        // Redis is killed on purpose: the server says so once, and the health checks (polled by /readyz and the
        // gRPC health publisher) report Redis, and the lease loop past its TTL, Unhealthy at Error until it is back.
        server.ExpectErrors(ServerErrors.RedisConnectionLost);
        server.ExpectErrors(ServerErrors.Unhealthy("redis"));
        server.ExpectErrors(ServerErrors.Unhealthy("leases"));
        redis.StopProcess();
        Task<Client.Publishing.PublishResult> duringOutage;
        try
        {
            await server.Logs.WaitForAsync("RedisConnectionLost");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
            duringOutage = publisher.PublishAsync(TestEvents.Create(ids[5]));
        }
        finally
        {
            // The replay answers LOADING, here to the readiness probe's PINGs as an orchestrator
            // would send them: the server must neither call that "back" nor "lost" again each time.
            using var probing = new CancellationTokenSource();
            var probe = ProbeReadinessAsync(http, probing.Token);
            await redis.StartProcessAsync();
            await probing.CancelAsync();
            await probe;
        }

        await server.Logs.WaitForAsync("RedisConnectionRestored", timeout: TimeSpan.FromSeconds(30));
        Assert.Equal(Client.Publishing.PublishStatus.Accepted, (await duringOutage.WaitAsync(TimeSpan.FromSeconds(30))).Status);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Single(server.Logs.Entries, e => e.Id.Name == "RedisConnectionLost");

        gate.SetResult();
        var received = new HashSet<string>();
        while (!ids.All(id => received.Contains(id)))
        {
            var request = await receiver.NextAsync(TimeSpan.FromSeconds(30));
            received.UnionWith(ids.Where(id => request.BodyText.Contains($"\"{id}\"")));
        }
    }

    private static async Task ProbeReadinessAsync(HttpClient http, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await http.GetAsync("/readyz", stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
