namespace Dispatcher.LoadTest.Receiving;

/// <summary>
/// Wall-clock microseconds since the Unix epoch. The producer, the receiver and the harness are
/// processes on one machine, so their readings of this clock compare directly (latencies).
/// </summary>
public static class Clock
{
    public static long NowMicros() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / 10;
}
