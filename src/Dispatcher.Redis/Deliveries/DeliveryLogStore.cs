using System.Text.Json;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Scripts;
using StackExchange.Redis;

namespace Dispatcher.Redis.Deliveries;

/// <summary>
/// The last <c>maxEntries</c> attempts per webhook, newest first, in a capped Redis list that
/// expires <c>retention</c> after its last write.
/// </summary>
public sealed class DeliveryLogStore(IConnectionMultiplexer redis, RedisKeys keys, int maxEntries, TimeSpan retention)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Appends the entry; nothing is written when the webhook no longer exists.</summary>
    public Task AppendAsync(WorkspaceId workspaceId, WebhookId webhookId, DeliveryLogEntry entry) =>
        redis.GetDatabase().ScriptEvaluateAsync(
            LuaScripts.LogAppend,
            [keys.DeliveryLog(workspaceId.Value, webhookId.Value), keys.Webhook(workspaceId.Value, webhookId.Value)],
            [JsonSerializer.SerializeToUtf8Bytes(entry, Json), maxEntries, (long)retention.TotalMilliseconds]);

    /// <summary>Every kept entry, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> ReadAsync(WorkspaceId workspaceId, WebhookId webhookId)
    {
        var values = await redis.GetDatabase().ListRangeAsync(keys.DeliveryLog(workspaceId.Value, webhookId.Value), 0, maxEntries - 1).ConfigureAwait(false);
        return values.Select(v => JsonSerializer.Deserialize<DeliveryLogEntry>((byte[])v!, Json)!).ToList();
    }

    /// <summary>Deletes the webhook's whole log (the webhook was deleted).</summary>
    public Task DeleteAsync(WorkspaceId workspaceId, WebhookId webhookId) =>
        redis.GetDatabase().KeyDeleteAsync(keys.DeliveryLog(workspaceId.Value, webhookId.Value));
}
