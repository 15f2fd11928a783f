namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 2: at a steady fraction of the measured throughput, the time from the producer's ack
/// to the receipt (never below 0: a delivery can beat its ack back to the producer), and from the
/// publish call to the receipt, in milliseconds.
/// </summary>
public sealed record LatencyResult(
    double RatePerSecond, int Events, long Delivered, double AckToReceiptP50Ms, double AckToReceiptP99Ms, double AckToReceiptP999Ms,
    double PublishToReceiptP50Ms, double PublishToReceiptP99Ms, double PublishToReceiptP999Ms,
    double PublishToAckP50Ms, double PublishToAckP99Ms, bool Complete);
