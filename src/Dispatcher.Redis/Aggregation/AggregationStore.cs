using Dispatcher.Core.Partitioning;
using Dispatcher.Redis.Events;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Aggregation;

/// <summary>
/// Per-minute click counts in Redis: one hash per open window per workspace. Counting runs at
/// ingest (before the producer's ack); closing freezes a window, and only after its aggregate
/// event is durable are its counts deleted.
/// </summary>
public sealed class AggregationStore(IConnectionMultiplexer redis, RedisKeys keys, AggregationKeys aggregation, PartitionMap partitions)
{
    /// <summary>Window length: the UTC minute.</summary>
    public static readonly TimeSpan WindowLength = TimeSpan.FromMinutes(1);

    /// <summary>The start (ms) of the window holding <paramref name="at"/>.</summary>
    public static long WindowStart(DateTimeOffset at)
    {
        long ms = at.ToUnixTimeMilliseconds();
        return ms - (ms % (long)WindowLength.TotalMilliseconds);
    }

    /// <summary>
    /// Counts each click once into the window of <paramref name="now"/> (or the first window still
    /// open after it). Clicks whose event was already accepted (its body exists in its home
    /// partition, the dedupe marker) are duplicates and count nothing.
    /// </summary>
    /// <param name="ttl">The dedupe window: how long a click's counted marker, and an unclosed window, live.</param>
    public async Task CountAsync(IReadOnlyList<ClickToCount> clicks, DateTimeOffset now, TimeSpan ttl)
    {
        if (clicks.Count == 0)
        {
            return;
        }
        var db = redis.GetDatabase();
        var accepted = clicks.Select(c => db.KeyExistsAsync(keys.EventBody(EventHome.Of(partitions, c.WorkspaceId, c.EventId), c.WorkspaceId, c.EventId))).ToArray();
        var fresh = new List<ClickToCount>(clicks.Count);
        for (int i = 0; i < clicks.Count; i++)
        {
            if (!await accepted[i].ConfigureAwait(false))
            {
                fresh.Add(clicks[i]);
            }
        }
        long start = WindowStart(now);
        var writes = fresh.GroupBy(c => c.WorkspaceId, StringComparer.Ordinal)
            .Select(g => CountWorkspaceAsync(db, g.Key, g.ToList(), start, ttl)).ToList();
        await Task.WhenAll(writes).ConfigureAwait(false);
        // Indexed after the windows are written: the closer forgets a workspace only when it then
        // finds no open window, so this order never strands one.
        await Task.WhenAll(fresh.Select(c => c.WorkspaceId).Distinct(StringComparer.Ordinal)
            .Select(w => db.SetAddAsync(aggregation.Workspaces, w))).ConfigureAwait(false);
    }

    /// <summary>Workspaces that may have windows to close.</summary>
    public async Task<IReadOnlyList<string>> WorkspacesAsync()
    {
        var members = await redis.GetDatabase().SetMembersAsync(aggregation.Workspaces).ConfigureAwait(false);
        return members.Select(m => m.ToString()).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Starts (ms) of the workspace's open windows that end at or before <paramref name="cutoff"/>, oldest first.</summary>
    public async Task<IReadOnlyList<long>> EndedWindowsAsync(string workspaceId, DateTimeOffset cutoff)
    {
        long lastStart = cutoff.ToUnixTimeMilliseconds() - (long)WindowLength.TotalMilliseconds;
        var starts = await redis.GetDatabase().SortedSetRangeByScoreAsync(aggregation.Open(workspaceId), double.NegativeInfinity, lastStart)
            .ConfigureAwait(false);
        return starts.Select(s => (long)s).Order().ToList();
    }

    /// <summary>Closes the window (later clicks count into a later one) and returns its final counts.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CloseAsync(string workspaceId, long startMs, TimeSpan ttl)
    {
        var result = await redis.GetDatabase().ScriptEvaluateAsync(LuaScripts.AggregationClose,
            [aggregation.ClosedThrough(workspaceId), aggregation.Window(workspaceId, startMs)],
            [startMs + (long)WindowLength.TotalMilliseconds, (long)ttl.TotalSeconds]).ConfigureAwait(false);
        var flat = (RedisResult[])result!;
        var counts = new Dictionary<string, long>(flat.Length / 2, StringComparer.Ordinal);
        for (int i = 0; i + 1 < flat.Length; i += 2)
        {
            counts[flat[i].ToString()] = (long)flat[i + 1];
        }
        return counts;
    }

    /// <summary>Deletes a closed window once its aggregate is durable (or it had nobody to go to).</summary>
    public async Task ForgetWindowAsync(string workspaceId, long startMs)
    {
        var tx = redis.GetDatabase().CreateTransaction();
        _ = tx.KeyDeleteAsync(aggregation.Window(workspaceId, startMs));
        _ = tx.SortedSetRemoveAsync(aggregation.Open(workspaceId), startMs);
        await tx.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>Drops the workspace from the index when it has no open window left.</summary>
    public async Task ForgetWorkspaceIfIdleAsync(string workspaceId)
    {
        var db = redis.GetDatabase();
        if (await db.SortedSetLengthAsync(aggregation.Open(workspaceId)).ConfigureAwait(false) > 0)
        {
            return;
        }
        await db.SetRemoveAsync(aggregation.Workspaces, workspaceId).ConfigureAwait(false);
        // A click counted meanwhile re-adds the workspace after its window is written; one counted
        // just before the removal is seen here, so the workspace goes back in either way.
        if (await db.SortedSetLengthAsync(aggregation.Open(workspaceId)).ConfigureAwait(false) > 0)
        {
            await db.SetAddAsync(aggregation.Workspaces, workspaceId).ConfigureAwait(false);
        }
    }

    private Task CountWorkspaceAsync(IDatabase db, string workspaceId, List<ClickToCount> clicks, long startMs, TimeSpan ttl)
    {
        var scriptKeys = new RedisKey[2 + clicks.Count];
        var args = new RedisValue[3 + clicks.Count];
        scriptKeys[0] = aggregation.Open(workspaceId);
        scriptKeys[1] = aggregation.ClosedThrough(workspaceId);
        args[0] = (long)ttl.TotalSeconds;
        args[1] = startMs;
        args[2] = aggregation.WindowBase(workspaceId);
        for (int i = 0; i < clicks.Count; i++)
        {
            scriptKeys[2 + i] = aggregation.Counted(workspaceId, clicks[i].EventId);
            args[3 + i] = clicks[i].LinkKey;
        }
        return db.ScriptEvaluateAsync(LuaScripts.AggregationCount, scriptKeys, args);
    }
}
