using System.Collections.Concurrent;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Notifications;

/// <summary>
/// The workspaces' notification logs: the durable record of every webhook status change, which the
/// status scripts append to (note_append.lua), producers' streams read from a cursor, and the owner
/// consumers (email, notification webhooks) work through, each with its own cursor and per-entry claims.
/// </summary>
public sealed class NotificationLogStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>Entries each workspace's log keeps (the newest): its retention, docs/architecture.md.</summary>
    public const int MaxEntries = 10_000;

    /// <summary>How long a claim outlives its entry's handling: long enough that a re-read never handles it again.</summary>
    private static readonly TimeSpan ClaimRetention = TimeSpan.FromDays(7);

    private readonly ConcurrentDictionary<string, byte> _indexed = new(StringComparer.Ordinal);

    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// Records that the workspace has (or will have) a log; the index lives in no workspace's slot, so
    /// the appending script cannot write it. Consumers scan only indexed workspaces. Once per workspace and process.
    /// </summary>
    public async Task IndexAsync(string workspaceId)
    {
        if (_indexed.ContainsKey(workspaceId))
        {
            return;
        }
        await Db.SetAddAsync(keys.NotificationWorkspaces, workspaceId).ConfigureAwait(false);
        _indexed[workspaceId] = 0;
    }

    /// <summary>
    /// Drops a deleted workspace's entries (they name its endpoints). The sequence and the consumers'
    /// cursors stay, so a workspace created again under the same id numbers on from there and no
    /// consumer skips its first changes.
    /// </summary>
    public Task ForgetEntriesAsync(string workspaceId) => Db.KeyDeleteAsync(keys.Notifications(workspaceId));

    /// <summary>Every workspace that has a notification log.</summary>
    public async Task<IReadOnlyList<string>> WorkspacesAsync()
    {
        var members = await Db.SetMembersAsync(keys.NotificationWorkspaces).ConfigureAwait(false);
        return members.Select(m => (string)m!).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Each workspace's last sequence (0 before its first entry), in one round trip.</summary>
    public async Task<long[]> LastSequencesAsync(IReadOnlyList<string> workspaceIds)
    {
        // One GET each, pipelined: the keys live in different cluster slots.
        var batch = Db.CreateBatch();
        var reads = workspaceIds.Select(w => batch.StringGetAsync(keys.NotificationSequence(w))).ToArray();
        batch.Execute();
        var values = await Task.WhenAll(reads).ConfigureAwait(false);
        return values.Select(v => v.IsNull ? 0L : (long)v).ToArray();
    }

    /// <summary>Up to <paramref name="count"/> entries after <paramref name="afterSequence"/>, oldest first.</summary>
    public async Task<IReadOnlyList<StatusNote>> ReadAsync(string workspaceId, long afterSequence, int count)
    {
        var entries = await Db.SortedSetRangeByScoreAsync(keys.Notifications(workspaceId), afterSequence, double.PositiveInfinity,
            Exclude.Start, Order.Ascending, 0, count).ConfigureAwait(false);
        return entries.Select(e => StatusNote.Parse(workspaceId, e!)).OfType<StatusNote>().ToList();
    }

    /// <summary>Where <paramref name="consumer"/> has settled every entry of the workspace's log up to (0: none yet).</summary>
    public async Task<long> CursorAsync(string workspaceId, string consumer)
    {
        var value = await Db.StringGetAsync(keys.NotificationCursor(workspaceId, consumer)).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    /// <summary>Moves the consumer's cursor to <paramref name="settledThrough"/> unless another instance moved it further.</summary>
    public Task AdvanceAsync(string workspaceId, string consumer, long settledThrough) =>
        Db.ScriptEvaluateAsync(LuaScripts.NoteCursor, [keys.NotificationCursor(workspaceId, consumer)], [settledThrough]);

    /// <summary>Whether each entry is settled for the consumer (done, or abandoned), in the order given.</summary>
    public async Task<bool[]> SettledAsync(string workspaceId, string consumer, IReadOnlyList<long> sequences)
    {
        // One MGET: the claims share the workspace's slot.
        var claims = await Db.StringGetAsync(sequences.Select(s => keys.NotificationClaim(workspaceId, consumer, s)).ToArray()).ConfigureAwait(false);
        return claims.Select(c => c == "done").ToArray();
    }

    /// <summary>
    /// Claims one entry for one consumer. <paramref name="takeOverExpired"/>: an at-least-once consumer
    /// takes over a claim whose holder's lease ran out; an at-most-once one settles it unhandled.
    /// </summary>
    public async Task<NoteClaim> ClaimAsync(string workspaceId, string consumer, long sequence, DateTimeOffset now, TimeSpan lease, bool takeOverExpired)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(LuaScripts.NoteClaim, [keys.NotificationClaim(workspaceId, consumer, sequence)],
            [now.ToUnixTimeMilliseconds(), (long)lease.TotalMilliseconds, takeOverExpired ? "1" : "", (long)ClaimRetention.TotalMilliseconds]).ConfigureAwait(false))!;
        var state = (string)result[0]! switch
        {
            "taken" => NoteClaimState.Taken,
            "done" => NoteClaimState.Done,
            "abandoned" => NoteClaimState.Abandoned,
            _ => NoteClaimState.Wait,
        };
        return new NoteClaim(state, (int)result[1]);
    }

    /// <summary>The claimed entry was handled: no instance handles it again.</summary>
    public Task FinishAsync(string workspaceId, string consumer, long sequence) =>
        Db.StringSetAsync(keys.NotificationClaim(workspaceId, consumer, sequence), "done", ClaimRetention);

    /// <summary>Handling the claimed entry failed: any instance may try again from <paramref name="due"/>.</summary>
    public Task RetryAsync(string workspaceId, string consumer, long sequence, DateTimeOffset due, int failedAttempts) =>
        Db.StringSetAsync(keys.NotificationClaim(workspaceId, consumer, sequence), $"retry {due.ToUnixTimeMilliseconds()} {failedAttempts}", ClaimRetention);
}
