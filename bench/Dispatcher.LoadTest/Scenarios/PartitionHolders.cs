using Dispatcher.Core.Partitioning;
using Dispatcher.Engine.Configuration;
using Dispatcher.LoadTest.Processes;
using Dispatcher.Redis;
using Dispatcher.Redis.Leases;
using Dispatcher.Server.Configuration;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Which instance holds each partition's lease, read from Redis where the instances record it, with
/// the server's own key names, partition count and hash: the harness leaves those at their defaults.
/// </summary>
public sealed class PartitionHolders(RedisServer redis)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    private readonly LeaseStore _leases = new(redis.Connection, new RedisKeys(new RedisOptions().KeyPrefix));

    /// <summary>Which partition each webhook's work lives in.</summary>
    public PartitionMap Map { get; } = new(new PartitionOptions().Count);

    /// <summary>Each partition's holder (the instance id in its lease), null where none holds it.</summary>
    public async Task<string?[]> ReadAsync() => await Task.WhenAll(Enumerable.Range(0, Map.Count).Select(_leases.HolderAsync));

    /// <summary>The one instance holding every partition (the only one running); throws otherwise.</summary>
    public async Task<string> SoleHolderAsync()
    {
        string?[] holders = await ReadAsync();
        return holders.Distinct().ToArray() is [{ } only]
            ? only
            : throw new InvalidOperationException($"expected one instance to hold all {Map.Count} partitions, found {string.Join(", ", holders.Distinct())}");
    }

    /// <summary>
    /// Waits until exactly <paramref name="instances"/> instances hold every partition, split as
    /// <see cref="PartitionAssignment"/> computes for them: after a kill that is once the dead
    /// instance's leases expired and were taken over, after a start once the new one has its share.
    /// </summary>
    public async Task<string[]> WaitForInstancesAsync(int instances, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        string?[] holders = [];
        while (!limit.IsCancellationRequested)
        {
            holders = await ReadAsync();
            string[] members = [.. holders.OfType<string>().Distinct()];
            if (members.Length == instances && holders.SequenceEqual(PartitionAssignment.Assign(Map.Count, members)))
            {
                return members;
            }
            await Task.Delay(PollEvery, CancellationToken.None);
        }
        throw new TimeoutException($"the partitions were not split between {instances} instances within {timeout.TotalSeconds:0} s; holders: " +
            string.Join(", ", holders.GroupBy(h => h ?? "none").Select(g => $"{g.Key} ×{g.Count()}")));
    }

    /// <summary>
    /// Waits until a second instance has joined <paramref name="first"/> and the leases are exactly
    /// the split <see cref="PartitionAssignment"/> computes for the two, so no hand-off is under way.
    /// </summary>
    public async Task<string?[]> WaitForSplitAsync(string first, TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        string?[] holders = [];
        while (!limit.IsCancellationRequested)
        {
            holders = await ReadAsync();
            if (holders.FirstOrDefault(h => h is not null && h != first) is { } second
                && holders.SequenceEqual(PartitionAssignment.Assign(Map.Count, [first, second])))
            {
                return holders;
            }
            await Task.Delay(PollEvery, CancellationToken.None);
        }
        throw new TimeoutException($"the partitions were not split between two instances within {timeout.TotalSeconds:0} s; holders: " +
            string.Join(", ", holders.GroupBy(h => h ?? "none").Select(g => $"{g.Key} ×{g.Count()}")));
    }
}
