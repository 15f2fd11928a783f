using Dispatcher.Redis;
using StackExchange.Redis;

namespace Dispatcher.Engine.Telemetry;

/// <summary>
/// Reads one partition's backlog through its <c>ready</c> index (score = when each webhook can
/// next be claimed). Bounded: at most <see cref="MaxWebhooks"/> webhooks per partition, earliest
/// first, each costing one or two pipelined counts; past that the backlog is under-counted.
/// Webhooks the pump parked (channel full, out of the index) are read from the parked set, at
/// their queue's head.
/// </summary>
public sealed class BacklogReader(IConnectionMultiplexer redis, RedisKeys keys)
{
    public const int MaxWebhooks = 256;

    public async Task<PartitionSample> ReadAsync(int partition, DateTimeOffset now)
    {
        var db = redis.GetDatabase();
        long nowMs = now.ToUnixTimeMilliseconds();
        var indexed = await db.SortedSetRangeByRankWithScoresAsync(keys.Ready(partition), 0, MaxWebhooks - 1).ConfigureAwait(false);
        var ready = await WithParkedAsync(db, partition, indexed).ConfigureAwait(false);
        var counts = ready.Select(entry =>
        {
            var queue = keys.Queue(partition, entry.Element.ToString());
            // A webhook whose ready score is later is paused or not yet due: all of its work waits.
            var due = entry.Score <= nowMs ? db.SortedSetLengthAsync(queue, double.NegativeInfinity, nowMs) : Task.FromResult(0L);
            return (Due: due, All: db.SortedSetLengthAsync(queue));
        }).ToList();
        long dueTotal = 0, allTotal = 0;
        foreach (var (due, all) in counts)
        {
            dueTotal += await due.ConfigureAwait(false);
            allTotal += await all.ConfigureAwait(false);
        }
        var oldest = ready.Length > 0 && ready[0].Score <= nowMs ? TimeSpan.FromMilliseconds(nowMs - ready[0].Score) : TimeSpan.Zero;
        return new PartitionSample(partition, dueTotal, allTotal - dueTotal, oldest);
    }

    private async Task<SortedSetEntry[]> WithParkedAsync(IDatabase db, int partition, SortedSetEntry[] indexed)
    {
        var parked = await db.SetRandomMembersAsync(keys.Parked(partition), MaxWebhooks).ConfigureAwait(false);
        var seen = indexed.Select(e => e.Element.ToString()).ToHashSet(StringComparer.Ordinal);
        var heads = parked.Select(id => id.ToString()).Where(id => !seen.Contains(id))
            .Select(async id => (Id: id, Head: await db.SortedSetRangeByRankWithScoresAsync(keys.Queue(partition, id), 0, 0).ConfigureAwait(false)));
        var extra = (await Task.WhenAll(heads).ConfigureAwait(false))
            .Where(h => h.Head.Length > 0)
            .Select(h => new SortedSetEntry(h.Id, h.Head[0].Score));
        return indexed.Concat(extra).OrderBy(e => e.Score).Take(MaxWebhooks).ToArray();
    }
}
