namespace Dispatcher.LoadTest.Producing;

/// <summary>The producer's one JSON line: outcomes, and when publishing started and the last ack came (Unix µs).</summary>
public sealed record ProducerReport(
    long Accepted, long Duplicate, long Rejected, long Failed, long FirstPublishMicros, long LastAckMicros)
{
    public double Seconds => (LastAckMicros - FirstPublishMicros) / 1e6;

    public double AcceptedPerSecond => Seconds > 0 ? Accepted / Seconds : 0;
}
