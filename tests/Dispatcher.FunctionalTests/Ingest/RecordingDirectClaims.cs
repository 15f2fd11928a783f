using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Ingest;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Stands in for the engine's pumps: reserves a slot for every (partition, webhook) it is asked
/// about, under <see cref="Epoch"/>, and records what ingest does with each.
/// </summary>
internal sealed class RecordingDirectClaims(long epoch, TimeSpan claimFor) : IDirectClaims
{
    public long Epoch { get; set; } = epoch;

    public List<RecordingSlot> Slots { get; } = [];

    public DirectClaim? TryReserve(int partition, Webhook webhook, DateTimeOffset now)
    {
        var slot = new RecordingSlot(Epoch, now + claimFor);
        Slots.Add(slot);
        return slot;
    }
}
