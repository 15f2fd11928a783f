using System.Text;

namespace Dispatcher.LoadTest.Producing;

/// <summary>
/// The data of every benchmark event: a typical click (about 300 bytes in all, like the micro
/// benchmarks' and the peers' events) carrying its <c>seq</c> and publish time <c>sentAt</c> (Unix µs).
/// </summary>
public static class EventData
{
    public static byte[] Create(long seq, long sentAtMicros) => Encoding.UTF8.GetBytes(
        $"{{\"seq\":{seq},\"sentAt\":{sentAtMicros},\"linkId\":\"lnk_{seq}\",\"shortCode\":\"promo-2026\"," +
        "\"longUrl\":\"https://example.com/long/path\",\"domain\":\"go.example.com\",\"country\":\"SA\",\"city\":\"Riyadh\"," +
        "\"device\":\"mobile\",\"os\":\"iOS\",\"browser\":\"Safari\",\"referrer\":\"https://t.co/abc\"," +
        "\"clickedAt\":\"2026-11-25T02:00:00.000Z\"}");
}
