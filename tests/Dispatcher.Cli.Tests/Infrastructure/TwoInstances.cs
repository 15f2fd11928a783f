using Dispatcher.Core.Partitioning;
using Dispatcher.Redis;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Infrastructure;

/// <summary>
/// Two server processes on one Redis and key prefix with a single partition: <see cref="Holder"/>
/// delivers every webhook, <see cref="Other"/> none.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private readonly RedisServerFixture _redis;
    private readonly RedisKeys _keys;

    private TwoInstances(RedisServerFixture redis, string prefix, ServerProcess holder, ServerProcess other, string holderId, string otherId)
    {
        _redis = redis;
        _keys = new RedisKeys(prefix);
        Holder = holder;
        Other = other;
        HolderId = holderId;
        OtherId = otherId;
    }

    public ServerProcess Holder { get; }

    public ServerProcess Other { get; }

    /// <summary>The instance ids (<c>host:pid:random</c>) as they appear in Redis.</summary>
    public string HolderId { get; }

    public string OtherId { get; }

    /// <summary>
    /// Starts both, then waits until both are members and partition 0's lease is with the member the
    /// fair share gives it to, so it stays there: the first one up takes it alone and hands it over
    /// at a heartbeat after the second joins, if the share says so.
    /// </summary>
    public static async Task<TwoInstances> StartAsync(
        RedisServerFixture redis, string prefix, ITestOutputHelper output, IDictionary<string, string> settings)
    {
        // Started together: which one comes up first does not matter, the wait below settles the lease either way.
        var started = await Task.WhenAll(ServerProcess.StartAsync(redis, prefix, output, settings), ServerProcess.StartAsync(redis, prefix, output, settings));
        var (one, two) = (started[0], started[1]);
        var keys = new RedisKeys(prefix);
        // Polled: the servers' lease loops run on their own timers and announce nothing outside their processes.
        // Bounded by a few heartbeats (every third of the lease TTL) plus the servers' start on a busy machine.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            string[] members = (await redis.Db.SortedSetRangeByRankAsync(keys.Members)).Select(m => m.ToString()).ToArray();
            string? lease = await redis.Db.StringGetAsync(keys.Lease(0));
            string? oneId = members.FirstOrDefault(m => IsOf(m, one)), twoId = members.FirstOrDefault(m => IsOf(m, two));
            if (oneId is not null && twoId is not null && lease is not null && lease == PartitionAssignment.Assign(1, members)[0])
            {
                return lease == oneId ? new(redis, prefix, one, two, oneId, twoId) : new(redis, prefix, two, one, twoId, oneId);
            }
            if (DateTime.UtcNow > deadline)
            {
                await one.DisposeAsync();
                await two.DisposeAsync();
                Assert.Fail($"partition 0 did not settle with one of two members within 20 s: members [{string.Join(", ", members)}], lease {lease}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Which instance holds partition 0's lease now.</summary>
    public async Task<string?> LeaseHolderAsync() => await _redis.Db.StringGetAsync(_keys.Lease(0));

    /// <summary>Which instance the listen registry says holds the session's stream.</summary>
    public async Task<string?> ListenHolderAsync(string webhookId) => await _redis.Db.StringGetAsync(_keys.ListenHolder(webhookId));

    public async ValueTask DisposeAsync()
    {
        await Holder.DisposeAsync();
        await Other.DisposeAsync();
    }

    private static bool IsOf(string instanceId, ServerProcess server) =>
        instanceId.Contains($":{server.Id}:", StringComparison.Ordinal);
}
