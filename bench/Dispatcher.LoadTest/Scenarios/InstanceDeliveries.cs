using Dispatcher.LoadTest.Measuring;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>One side of scenario 5: the endpoints whose partitions one instance held, what they received, and its ack → receipt.</summary>
public sealed record InstanceDeliveries(int Endpoints, long Delivered, LatencyPercentiles AckToReceipt)
{
    public static InstanceDeliveries Of(int endpoints, List<long> ackToReceiptMicros) =>
        new(endpoints, ackToReceiptMicros.Count, LatencyPercentiles.Of([.. ackToReceiptMicros.Order()]));
}
