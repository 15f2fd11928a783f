using StackExchange.Redis;

namespace Dispatcher.Redis.Stats;

/// <summary>One webhook's reads in <see cref="WebhookStatsReader.SummariesAsync"/>'s pipeline, awaited after it was sent.</summary>
internal sealed record SummaryRead(
    string Id, Task<RedisValue> Owner, Task<RedisValue> Last, Task<HashEntry[]>? Partial, IReadOnlyList<Task<RedisValue[]>> Whole);
