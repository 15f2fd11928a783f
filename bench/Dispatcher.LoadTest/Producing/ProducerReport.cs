namespace Dispatcher.LoadTest.Producing;

/// <summary>
/// The producer's one JSON line: outcomes, when publishing started and the last ack came (Unix µs),
/// and how long an event waited from its publish call to its ack (p50, p99, ms).
/// </summary>
public sealed record ProducerReport(
    long Accepted, long Duplicate, long Rejected, long Failed, long FirstPublishMicros, long LastAckMicros,
    double PublishToAckP50Ms, double PublishToAckP99Ms)
{
    public double Seconds => (LastAckMicros - FirstPublishMicros) / 1e6;

    public double AcceptedPerSecond => Seconds > 0 ? Accepted / Seconds : 0;
}
