using System.Net;
using Dispatcher.Redis;
using Dispatcher.Redis.Leases;
using Dispatcher.Testing;
using Microsoft.Extensions.Logging;

namespace Dispatcher.FunctionalTests.Observability;

/// <summary>
/// Partition ownership changes: one summary line an operator can search for, and per partition a Debug
/// line (with its EventId) for whoever needs the detail.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class LeaseLogTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> TwoShortLeases = new()
    {
        ["Dispatcher:Partitions:Count"] = "2",
        ["Dispatcher:Partitions:LeaseTtl"] = "00:00:03",
    };

    [Fact]
    public async Task Acquired_by_the_first_instance_and_taken_over_by_the_second_when_it_stops()
    {
        string prefix = RedisServerFixture.NewPrefix();
        var first = await DispatcherTestServer.StartAsync(redis, output, TwoShortLeases, prefix: prefix);
        await first.Logs.WaitForAsync("PartitionAcquired", 2);
        await using var second = await DispatcherTestServer.StartAsync(redis, output, TwoShortLeases, prefix: prefix);
        await ReadyAsync(second);

        await first.DisposeAsync();
        Assert.Contains(first.Logs.Entries, e => e.Id.Name == "PartitionsReleased");
        await second.Logs.WaitForAsync("PartitionTakenOver", 2);
        Assert.DoesNotContain(second.Logs.Entries, e => e.Id.Name == "PartitionAcquired");
    }

    [Fact]
    public async Task Partitions_an_instance_left_without_handing_them_back_get_one_warning_and_one_count()
    {
        string prefix = RedisServerFixture.NewPrefix();
        var keys = new RedisKeys(prefix);
        var leases = new LeaseStore(redis.Connection, keys);
        for (int p = 0; p < 2; p++)
        {
            // Held by an instance that died: its lease record stays, the lease itself is gone (expired).
            await leases.AcquireAsync(p, "crashed-instance", TimeSpan.FromSeconds(30));
            await redis.Db.KeyDeleteAsync(keys.Lease(p));
        }

        await using var server = await DispatcherTestServer.StartAsync(redis, output, TwoShortLeases, prefix: prefix);

        Assert.StartsWith("Took over 2 partitions from instances that let their leases expire",
            await server.Logs.WaitForAsync("PartitionsTakenOverFromExpired"));
        Assert.Equal("Delivering 2 of 2 partitions", await server.Logs.WaitForAsync("PartitionsHeld"));
        // The per-partition lines are still there, at Debug, for whoever turns it on.
        Assert.All(server.Logs.Entries.Where(e => e.Id.Name == "PartitionTakenOver"), e => Assert.Equal(LogLevel.Debug, e.Level));
        Assert.Equal(2, server.Logs.Entries.Count(e => e.Id.Name == "PartitionTakenOver"));
    }

    /// <summary>Ready means the second's lease loop has had an answer (both partitions held elsewhere).</summary>
    private static async Task ReadyAsync(DispatcherTestServer server)
    {
        // Polled until ready: an answer before the lease loop's first round is Unhealthy, rightly.
        server.ExpectErrors(ServerErrors.Unhealthy("leases"));
        using var http = new HttpClient { BaseAddress = server.Http };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while ((await http.GetAsync("/readyz", timeout.Token)).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
