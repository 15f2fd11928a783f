using Dispatcher.Redis.Ingest;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>A reserved slot that remembers whether it was handed a delivery or released (and fails if both, or twice).</summary>
internal sealed class RecordingSlot(long epoch, DateTimeOffset deadline) : DirectClaim(epoch, deadline)
{
    public ClaimedDelivery? Handed { get; private set; }

    public bool Released { get; private set; }

    public override void Hand(ClaimedDelivery delivery)
    {
        Assert.True(Handed is null && !Released, "a slot was used twice");
        Handed = delivery;
    }

    public override void Release()
    {
        Assert.True(Handed is null && !Released, "a slot was used twice");
        Released = true;
    }
}
