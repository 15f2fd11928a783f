using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Webhooks;

/// <summary>
/// The webhook registry. Every lookup is by (workspace, id): a webhook of another workspace is
/// not merely hidden, it is never read.
/// </summary>
public sealed class WebhookStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(Webhook webhook)
    {
        var tx = Db.CreateTransaction();
        _ = tx.HashSetAsync(keys.Webhook(webhook.WorkspaceId, webhook.Id), WebhookRecord.ToHash(webhook));
        _ = tx.SetAddAsync(keys.WorkspaceWebhooks(webhook.WorkspaceId), webhook.Id);
        if (!await tx.ExecuteAsync().ConfigureAwait(false))
        {
            throw new InvalidOperationException("webhook create transaction was not applied");
        }
    }

    public async Task<Webhook?> GetAsync(string workspaceId, string webhookId)
    {
        var fields = await Db.HashGetAllAsync(keys.Webhook(workspaceId, webhookId)).ConfigureAwait(false);
        return fields.Length == 0 ? null : WebhookRecord.FromHash(fields);
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
            .Select(WebhookRecord.FromHash)
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
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(LuaScripts.WebhookOutcome, [keys.Webhook(workspaceId, webhookId)],
            [outcome, disableAfter, reason]).ConfigureAwait(false))!;
        return result.Length == 0
            ? null
            : new StatusChange((int)result[0], Enum.Parse<WebhookStatus>((string)result[1]!), Enum.Parse<WebhookStatus>((string)result[2]!));
    }

    /// <summary>Sets status and reason; false when the webhook does not exist.</summary>
    public async Task<bool> SetStatusAsync(string workspaceId, string webhookId, WebhookStatus status, string reason)
    {
        var result = await Db.ScriptEvaluateAsync(LuaScripts.WebhookStatus, [keys.Webhook(workspaceId, webhookId)],
            [status.ToString(), reason]).ConfigureAwait(false);
        return (int)result == 1;
    }

    /// <summary>Removes the webhook from the registry; returns false when it did not exist.</summary>
    public async Task<bool> DeleteAsync(string workspaceId, string webhookId)
    {
        var tx = Db.CreateTransaction();
        var deleted = tx.KeyDeleteAsync(keys.Webhook(workspaceId, webhookId));
        _ = tx.SetRemoveAsync(keys.WorkspaceWebhooks(workspaceId), webhookId);
        await tx.ExecuteAsync().ConfigureAwait(false);
        return await deleted.ConfigureAwait(false);
    }
}
