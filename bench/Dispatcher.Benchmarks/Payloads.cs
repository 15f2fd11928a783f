using System.Text;

namespace Dispatcher.Benchmarks;

/// <summary>Sample <c>link.clicked</c> data shared by the benchmarks: a typical click, and clicks of an exact size.</summary>
public static class Payloads
{
    /// <summary>Seconds of 2026-05-13T05:42:00Z, the timestamp the signing benchmarks sign with.</summary>
    public const long UnixSeconds = 1_778_650_920;

    /// <summary>The small body size the size-parameterised benchmarks use.</summary>
    public const int SmallBytes = 300;

    /// <summary>The large body size the size-parameterised benchmarks use.</summary>
    public const int LargeBytes = 4096;

    private const string ClickFields =
        "{\"linkId\":\"lnk_8f3c2a91\",\"slug\":\"spring-sale\",\"domain\":\"go.example.com\"," +
        "\"destination\":\"https://shop.example.com/spring?utm_source=mail\"," +
        "\"clickedAt\":\"2026-05-13T05:42:00.123Z\",\"country\":\"DE\",\"city\":\"Berlin\"," +
        "\"device\":\"mobile\",\"browser\":\"Safari\",\"referrer\":\"https://news.example.org/\"";

    private const string PadOpen = ",\"campaign\":\"";
    private const string PadClose = "\"}";

    private static readonly string[] Countries = ["DE", "FR", "US", "GB", "NL", "ES", "IT", "PL"];

    /// <summary>A typical click as producers send it (282 bytes).</summary>
    public static byte[] TypicalClick { get; } = Encoding.UTF8.GetBytes(ClickFields + "}");

    /// <summary>The webhook secret's UTF-8 bytes, as the signer receives them.</summary>
    public static byte[] SigningKey { get; } = Encoding.UTF8.GetBytes("whsec_k3Jq9vT2mX7pL4sW8nB5cR1dF6gH0yZa");

    /// <summary>
    /// A valid <c>link.clicked</c> JSON object of exactly <paramref name="totalBytes"/> bytes: the typical
    /// click, an hourly breakdown when there is room for one, and a campaign string that fills the rest.
    /// </summary>
    public static byte[] LinkClicked(int totalBytes)
    {
        var json = new StringBuilder(ClickFields, totalBytes);
        var minimumTail = PadOpen.Length + 1 + PadClose.Length;
        if (totalBytes - json.Length > 200)
        {
            json.Append(",\"breakdown\":[");
            for (var i = 0; ; i++)
            {
                var entry = $"{(i == 0 ? "" : ",")}{{\"hour\":{i % 24},\"country\":\"{Countries[i % Countries.Length]}\",\"clicks\":{(i * 37) % 500}}}";
                if (json.Length + entry.Length + 1 + minimumTail > totalBytes)
                {
                    break;
                }
                json.Append(entry);
            }
            json.Append(']');
        }
        var padding = totalBytes - json.Length - PadOpen.Length - PadClose.Length;
        if (padding < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(totalBytes), totalBytes, $"A click needs at least {json.Length + minimumTail} bytes.");
        }
        json.Append(PadOpen).Append('x', padding).Append(PadClose);
        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        return bytes.Length == totalBytes
            ? bytes
            : throw new InvalidOperationException($"Built {bytes.Length} bytes instead of {totalBytes}.");
    }

    /// <summary>A succeeded attempt's log entry as the engine writes it: the headers a CD4CD webhook sends, a small body.</summary>
    public static Dispatcher.Core.Deliveries.DeliveryLogEntry LogEntry() => new(
        At: DateTimeOffset.FromUnixTimeSeconds(UnixSeconds), DeliveryId: "dlv_46d45033cd24a610c55102d6", EventId: "evt_01HZX3K8Q",
        EventType: "link.clicked", Attempt: 1, Outcome: Dispatcher.Core.Deliveries.DeliveryOutcome.Succeeded, StatusCode: 200, Error: null,
        LatencyMs: 1.4,
        RequestHeaders: new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["CD4CD-Signature"] = "t=1778650920,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
            ["User-Agent"] = "Dispatcher/1.0",
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        },
        RequestBody: Encoding.UTF8.GetString(LinkClicked(SmallBytes)), RequestBodyTruncated: false, ResponseBody: "ok");
}
