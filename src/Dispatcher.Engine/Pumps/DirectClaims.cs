using System.Collections.Concurrent;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Ingest;

namespace Dispatcher.Engine.Pumps;

/// <summary>
/// The partition pumps running on this instance, for ingest to reserve a slot in a webhook's
/// channel through: a delivery written claimed under the pump's lease epoch then goes straight to
/// its sender. A partition held elsewhere, or not yet pumping here, gets none (its work is queued).
/// </summary>
public sealed class DirectClaims : IDirectClaims
{
    private readonly ConcurrentDictionary<int, PartitionPump> _pumps = new();

    public DirectClaim? TryReserve(int partition, Webhook webhook, DateTimeOffset now) =>
        _pumps.TryGetValue(partition, out var pump) ? pump.TryReserve(webhook, now) : null;

    /// <summary>The pump now claims and sends for its partition here.</summary>
    public void Register(int partition, PartitionPump pump) => _pumps[partition] = pump;

    /// <summary>The pump is stopping: no more slots from it (a later pump of the partition may have registered already).</summary>
    public void Unregister(int partition, PartitionPump pump) => _pumps.TryRemove(new KeyValuePair<int, PartitionPump>(partition, pump));
}
