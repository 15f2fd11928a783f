using System.Text.Json;
using Dispatcher.Core.Deliveries;
using StackExchange.Redis;

namespace Dispatcher.Redis.Deliveries;

/// <summary>
/// The last <c>maxEntries</c> attempts per webhook, newest first, in a capped Redis list that
/// expires <c>retention</c> after its last write.
/// </summary>
public sealed class DeliveryLogStore(IConnectionMultiplexer redis, RedisKeys keys, int maxEntries, TimeSpan retention)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task AppendAsync(string workspaceId, string webhookId, DeliveryLogEntry entry)
    {
        var key = keys.DeliveryLog(workspaceId, webhookId);
        var batch = redis.GetDatabase().CreateBatch();
        var push = batch.ListLeftPushAsync(key, JsonSerializer.SerializeToUtf8Bytes(entry, Json));
        var trim = batch.ListTrimAsync(key, 0, maxEntries - 1);
        var expire = batch.KeyExpireAsync(key, retention);
        batch.Execute();
        return Task.WhenAll(push, trim, expire);
    }

    /// <summary>Every kept entry, newest first.</summary>
    public async Task<IReadOnlyList<DeliveryLogEntry>> ReadAsync(string workspaceId, string webhookId)
    {
        var values = await redis.GetDatabase().ListRangeAsync(keys.DeliveryLog(workspaceId, webhookId), 0, maxEntries - 1).ConfigureAwait(false);
        return values.Select(v => JsonSerializer.Deserialize<DeliveryLogEntry>((byte[])v!, Json)!).ToList();
    }

    public Task DeleteAsync(string workspaceId, string webhookId) =>
        redis.GetDatabase().KeyDeleteAsync(keys.DeliveryLog(workspaceId, webhookId));
}
