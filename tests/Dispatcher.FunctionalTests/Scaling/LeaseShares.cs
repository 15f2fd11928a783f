using Dispatcher.Redis;
using Dispatcher.Redis.Leases;
using StackExchange.Redis;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>Reads who holds which partition lease straight from Redis, and waits for a fair split.</summary>
public sealed class LeaseShares(IConnectionMultiplexer redis, string prefix, int partitions = 8)
{
    private readonly LeaseStore _leases = new(redis, new RedisKeys(prefix));

    /// <summary>Each partition's holder (instance id), null where the lease is free.</summary>
    public async Task<string?[]> HoldersAsync() =>
        await Task.WhenAll(Enumerable.Range(0, partitions).Select(p => _leases.HolderAsync(p)));

    /// <summary>
    /// Waits until every partition is held and each of <paramref name="instances"/> (instance ids,
    /// or any part of them such as ":pid:") holds its fair share (the floor or ceiling of partitions ÷ instances); returns the holders then.
    /// </summary>
    public async Task<string?[]> WaitForFairShareAsync(IReadOnlyList<string> instances, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string?[] holders = [];
        while (!cts.IsCancellationRequested)
        {
            holders = await HoldersAsync();
            if (IsFair(holders, instances))
            {
                return holders;
            }
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"no fair share of {partitions} partitions among {instances.Count} instances within {timeout}: holders {string.Join(", ", holders.Select(h => h ?? "-"))}");
    }

    public bool IsFair(string?[] holders, IReadOnlyList<string> instances)
    {
        if (holders.Any(h => h is null))
        {
            return false;
        }
        int floor = partitions / instances.Count, ceiling = (partitions + instances.Count - 1) / instances.Count;
        var counts = instances.Select(i => holders.Count(h => h!.Contains(i, StringComparison.Ordinal))).ToArray();
        // Within one of the exact share (floor or ceiling of partitions ÷ instances), and every partition held by one of these instances.
        return counts.All(c => c >= floor && c <= ceiling) && counts.Sum() == partitions;
    }

    /// <summary>The ":pid:" part of a server process's instance ids.</summary>
    public static string ProcessMarker(int pid) => $":{pid}:";
}
