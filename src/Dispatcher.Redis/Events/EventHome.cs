using Dispatcher.Core.Partitioning;

namespace Dispatcher.Redis.Events;

/// <summary>
/// Where an event's body is always written, whatever its webhooks: its home partition. That body is
/// the event's dedupe marker, in the same slot as the writes it stands for there.
/// </summary>
public static class EventHome
{
    public static int Of(PartitionMap partitions, string workspaceId, string eventId) =>
        partitions.HomeOf(KeyPart.Encode(workspaceId), eventId);
}
