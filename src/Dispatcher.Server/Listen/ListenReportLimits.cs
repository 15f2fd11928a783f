using System.Text;
using Dispatcher.Protocol.V1;

namespace Dispatcher.Server.Listen;

/// <summary>
/// What a CLI's report may carry into the delivery log: the HTTP path keeps the first 4 KB of a
/// response body (<c>OutboundHttpOptions.MaxResponseBodyBytes</c>), and so does this one; an error
/// text gets the same cap. A client controls these fields, so they are cut before anything stores
/// or relays them.
/// </summary>
public static class ListenReportLimits
{
    /// <summary>A copy of <paramref name="report"/> with its body and error cut to <paramref name="maxBytes"/> UTF-8 bytes each.</summary>
    public static DeliveryReport Capped(DeliveryReport report, int maxBytes)
    {
        string body = Cut(report.ResponseBody, maxBytes);
        string error = Cut(report.Error, maxBytes);
        if (ReferenceEquals(body, report.ResponseBody) && ReferenceEquals(error, report.Error))
        {
            return report;
        }
        var capped = report.Clone();
        capped.ResponseBody = body;
        capped.Error = error;
        return capped;
    }

    private static string Cut(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetMaxByteCount(text.Length) <= maxBytes || Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }
        // Whole characters only: never half a surrogate pair or a torn UTF-8 sequence.
        int length = 0, bytes = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (bytes + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }
            bytes += rune.Utf8SequenceLength;
            length += rune.Utf16SequenceLength;
        }
        return text[..length];
    }
}
