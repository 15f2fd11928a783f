using Dispatcher.Core.Events;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using StackExchange.Redis;

namespace Dispatcher.Redis.Events;

/// <summary>
/// Reads accepted events back. A body is kept once per partition it reached (so each partition's
/// scripts touch only their own slot), and always in the event's home partition (<see cref="EventHome"/>),
/// which is where a lookup starts. A home partition holding none of the event's webhooks keeps only the
/// marker (id and workspace): the whole event is then read from a partition of its webhooks.
/// </summary>
public sealed class EventStore(IConnectionMultiplexer redis, RedisKeys keys, PartitionMap partitionMap)
{
    /// <summary>
    /// The event, or null when none of its home partition and <paramref name="partitions"/> holds its whole
    /// body (never accepted, accepted with no webhook, or past retention) or the body found is stored as
    /// another workspace's.
    /// </summary>
    /// <param name="partitions">
    /// Where else to look when the home partition has no whole body (asked for only then): the partitions
    /// of the workspace's webhooks.
    /// </param>
    public async Task<StoredEvent?> FindAsync(WorkspaceId workspaceId, EventId eventId, Func<Task<IEnumerable<int>>> partitions)
    {
        int home = EventHome.Of(partitionMap, workspaceId.Value, eventId.Value);
        return await FindInAsync([home], workspaceId, eventId).ConfigureAwait(false)
            ?? await FindInAsync((await partitions().ConfigureAwait(false)).Where(p => p != home), workspaceId, eventId).ConfigureAwait(false);
    }

    private async Task<StoredEvent?> FindInAsync(IEnumerable<int> partitions, WorkspaceId workspaceId, EventId eventId)
    {
        var db = redis.GetDatabase();
        var batch = db.CreateBatch();
        var reads = partitions.Distinct()
            .Select(p => batch.HashGetAsync(keys.EventBody(p, workspaceId.Value, eventId.Value), ["id", "ws", "type", "created", "data"]))
            .ToList();
        batch.Execute();
        foreach (var read in reads)
        {
            var f = await read.ConfigureAwait(false);
            // The key only says where we looked; the stored workspace says whose the event is.
            if (!f[0].IsNull && (string?)f[1] == workspaceId.Value && !f[4].IsNull)
            {
                return new StoredEvent((string)f[0]!, (string)f[1]!, (string)f[2]!,
                    DateTimeOffset.FromUnixTimeMilliseconds((long)f[3]), (byte[])f[4]!);
            }
        }
        return null;
    }
}
