using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Notifications;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Webhooks;

/// <summary>
/// The webhook registry. Every lookup is by (workspace, id): a webhook of another workspace is
/// not merely hidden, it is never read.
/// </summary>
public sealed class WebhookStore(IConnectionMultiplexer redis, RedisKeys keys, ISecretProtector protector, NotificationLogStore notes, TimeProvider time)
{
    private IDatabase Db => redis.GetDatabase();

    /// <summary>
    /// Creates the webhook unless its workspace already has <paramref name="limit"/> webhooks; the
    /// count and the write are one script, so racing creates never exceed the limit.
    /// </summary>
    public async Task<CreateOutcome> CreateAsync(Webhook webhook, int limit)
    {
        // Before the webhook exists, so before any status change of it: the notification log's readers find the workspace.
        await notes.IndexAsync(webhook.WorkspaceId).ConfigureAwait(false);
        var hash = WebhookRecord.ToHash(webhook, protector);
        var args = new RedisValue[2 + 2 * hash.Length];
        args[0] = limit;
        args[1] = webhook.Id;
        for (int i = 0; i < hash.Length; i++)
        {
            args[2 + 2 * i] = hash[i].Name;
            args[3 + 2 * i] = hash[i].Value;
        }
        var result = await Db.ScriptEvaluateAsync(LuaScripts.WebhookCreate,
            [keys.WorkspaceWebhooks(webhook.WorkspaceId), keys.Webhook(webhook.WorkspaceId, webhook.Id), keys.WorkspaceVersion(webhook.WorkspaceId)],
            args).ConfigureAwait(false);
        return (int)result == 1 ? CreateOutcome.Created : CreateOutcome.LimitReached;
    }

    /// <summary>
    /// Makes <paramref name="newSecret"/> current; the current one keeps signing until
    /// <paramref name="previousUntil"/> (an older previous secret is dropped). False when the webhook does not exist.
    /// </summary>
    public async Task<bool> RotateSecretAsync(string workspaceId, string webhookId, string newSecret, DateTimeOffset previousUntil)
    {
        var key = keys.Webhook(workspaceId, webhookId);
        // A record from before encryption holds its secret in clear: protect it on its way to
        // secret_prev, so a rotation leaves no secret readable. The script uses this only if the
        // stored value is still the one read here.
        string stored = (string?)await Db.HashGetAsync(key, "secret").ConfigureAwait(false) ?? "";
        string legacyProtected = stored.Length > 0 && !SecretField.IsProtected(stored) ? SecretField.Write(stored, protector) : "";
        // An unreadable current secret cannot sign during the overlap: it is dropped, not kept as
        // the previous one, so the rotation repairs the record.
        bool unreadable = stored.Length > 0 && !SecretField.TryRead(stored, protector, out _);
        var result = await Db.ScriptEvaluateAsync(LuaScripts.WebhookRotate, [key, keys.WorkspaceVersion(workspaceId)],
            [SecretField.Write(newSecret, protector), previousUntil.ToUnixTimeMilliseconds(), legacyProtected, stored, unreadable ? "1" : ""]).ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <summary>Writes the <paramref name="changes"/> fields of <paramref name="updated"/>; false when the webhook does not exist.</summary>
    public async Task<bool> UpdateAsync(Webhook updated, WebhookChanges changes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        AddIf(names, changes, WebhookChanges.Endpoint, "endpoint");
        AddIf(names, changes, WebhookChanges.Events, "events");
        AddIf(names, changes, WebhookChanges.RateLimit, "rate");
        AddIf(names, changes, WebhookChanges.RetrySchedule, "retry");
        AddIf(names, changes, WebhookChanges.Headers, "headers");
        var args = WebhookRecord.ToHash(updated, protector)
            .Where(e => names.Contains(e.Name.ToString()))
            .SelectMany(e => new[] { (RedisValue)e.Name.ToString(), e.Value })
            .ToArray();
        var result = await Db.ScriptEvaluateAsync(LuaScripts.WebhookUpdate,
                [keys.Webhook(updated.WorkspaceId, updated.Id), keys.WorkspaceVersion(updated.WorkspaceId)], args)
            .ConfigureAwait(false);
        return (int)result == 1;
    }

    private static void AddIf(HashSet<string> names, WebhookChanges changes, WebhookChanges flag, string field)
    {
        if (changes.HasFlag(flag))
        {
            names.Add(field);
        }
    }

    /// <summary>The webhook, or null when there is none under this key or the record found says it is another workspace's.</summary>
    public async Task<Webhook?> GetAsync(string workspaceId, string webhookId)
    {
        var fields = await Db.HashGetAllAsync(keys.Webhook(workspaceId, webhookId)).ConfigureAwait(false);
        return fields.Length == 0 ? null : Owned(WebhookRecord.FromHash(fields, protector), workspaceId);
    }

    /// <summary>The key only says where we looked; the stored workspace says whose the webhook is.</summary>
    private static Webhook? Owned(Webhook webhook, string workspaceId) =>
        string.Equals(webhook.WorkspaceId, workspaceId, StringComparison.Ordinal) ? webhook : null;

    /// <summary>
    /// Each workspace's subscription version (0 before any webhook was written), read in one round
    /// trip: ingest re-reads a workspace's webhooks only when its version moved.
    /// </summary>
    public async Task<long[]> VersionsAsync(IReadOnlyList<string> workspaceIds)
    {
        // One GET each, pipelined (not MGET): the keys live in different cluster slots.
        var batch = Db.CreateBatch();
        var reads = workspaceIds.Select(w => batch.StringGetAsync(keys.WorkspaceVersion(w))).ToArray();
        batch.Execute();
        var values = await Task.WhenAll(reads).ConfigureAwait(false);
        return values.Select(v => v.IsNull ? 0L : (long)v).ToArray();
    }

    /// <summary>The workspace's webhooks, oldest first.</summary>
    public async Task<IReadOnlyList<Webhook>> ListAsync(string workspaceId)
    {
        var ids = await Db.SetMembersAsync(keys.WorkspaceWebhooks(workspaceId)).ConfigureAwait(false);
        var batch = Db.CreateBatch();
        var reads = ids.Select(id => batch.HashGetAllAsync(keys.Webhook(workspaceId, id!))).ToArray();
        batch.Execute();
        var hashes = await Task.WhenAll(reads).ConfigureAwait(false);
        return hashes.Where(h => h.Length > 0)
            .Select(h => Owned(WebhookRecord.FromHash(h, protector), workspaceId))
            .OfType<Webhook>()
            .OrderBy(w => w.CreatedAt)
            .ThenBy(w => w.Id, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Counts a delivery that failed its whole schedule; at <paramref name="disableAfter"/> in a row
    /// the webhook is marked disabled. Null when the webhook is gone.
    /// </summary>
    public Task<StatusChange?> RecordFailureAsync(string workspaceId, string webhookId, int disableAfter) =>
        RecordOutcomeAsync(workspaceId, webhookId, "failure", disableAfter, $"{disableAfter} consecutive deliveries failed their whole retry schedule");

    /// <summary>A 2xx: the failure count starts again and a failing webhook is enabled. Null when the webhook is gone.</summary>
    public Task<StatusChange?> RecordSuccessAsync(string workspaceId, string webhookId) =>
        RecordOutcomeAsync(workspaceId, webhookId, "success", 0, "");

    private async Task<StatusChange?> RecordOutcomeAsync(string workspaceId, string webhookId, string outcome, int disableAfter, string reason)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(LuaScripts.WebhookOutcome, StatusKeys(workspaceId, webhookId),
            [outcome, disableAfter, reason, time.GetUtcNow().ToUnixTimeMilliseconds(), NotificationLogStore.MaxEntries, webhookId]).ConfigureAwait(false))!;
        if (result.Length == 0)
        {
            return null;
        }
        var change = new StatusChange((int)result[0], Enum.Parse<WebhookStatus>((string)result[1]!), Enum.Parse<WebhookStatus>((string)result[2]!))
        {
            StatusSequence = result.Length > 3 ? (long)result[3] : 0,
            NoteSequence = result.Length > 4 ? (long)result[4] : 0,
        };
        await IndexAfterAsync(workspaceId, change.NoteSequence).ConfigureAwait(false);
        return change;
    }

    /// <summary>
    /// A workspace is indexed when its first webhook is created; a webhook created before owner
    /// notifications existed gets its workspace indexed by its first change (once per process: no
    /// round trip after that). After the write, not before, so a status change waits for no extra round trip.
    /// </summary>
    private Task IndexAfterAsync(string workspaceId, long noteSequence) =>
        noteSequence > 0 ? notes.IndexAsync(workspaceId) : Task.CompletedTask;

    /// <summary>The keys the status scripts take: the record, the version, the notification log and its sequence.</summary>
    private RedisKey[] StatusKeys(string workspaceId, string webhookId) =>
        [keys.Webhook(workspaceId, webhookId), keys.WorkspaceVersion(workspaceId), keys.Notifications(workspaceId), keys.NotificationSequence(workspaceId)];

    /// <summary>
    /// Sets status and reason; returns the webhook's new status sequence, which the matching hold
    /// (ScheduleStore.DisableAsync / EnableAsync) carries, or 0 when the webhook does not exist.
    /// </summary>
    public async Task<long> SetStatusAsync(string workspaceId, string webhookId, WebhookStatus status, string reason) =>
        (await WriteStatusAsync(workspaceId, webhookId, status, reason, reason).ConfigureAwait(false)).StatusSequence;

    /// <summary>
    /// Sets status and reason, and when the status changed appends the change to the workspace's
    /// notification log with <paramref name="noteReason"/> (the same script). Sequence 0: no such webhook.
    /// </summary>
    public async Task<StatusWrite> WriteStatusAsync(string workspaceId, string webhookId, WebhookStatus status, string reason, string noteReason)
    {
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(LuaScripts.WebhookStatus, StatusKeys(workspaceId, webhookId),
            [status.ToString(), reason, time.GetUtcNow().ToUnixTimeMilliseconds(), NotificationLogStore.MaxEntries, webhookId, noteReason]).ConfigureAwait(false))!;
        var write = new StatusWrite((long)result[0], (long)result[1]);
        await IndexAfterAsync(workspaceId, write.NoteSequence).ConfigureAwait(false);
        return write;
    }

    /// <summary>Removes the webhook from the registry; returns false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string workspaceId, string webhookId)
    {
        // Only an existing webhook is deleted (and bumps the version): an unknown or foreign id writes nothing.
        var webhook = keys.Webhook(workspaceId, webhookId);
        var tx = Db.CreateTransaction();
        tx.AddCondition(Condition.KeyExists(webhook));
        _ = tx.KeyDeleteAsync(webhook);
        _ = tx.SetRemoveAsync(keys.WorkspaceWebhooks(workspaceId), webhookId);
        _ = tx.StringIncrementAsync(keys.WorkspaceVersion(workspaceId));
        return await tx.ExecuteAsync().ConfigureAwait(false);
    }
}
