using System.Diagnostics;

namespace Dispatcher.Engine.Sending;

/// <summary>
/// The headers every attempt carries besides its format's: who sends it, and the W3C trace context
/// of the attempt span, so the receiver's spans join the event's trace. Every transport (HTTP, the
/// CLI's stream) sends exactly these.
/// </summary>
public static class AttemptHeaders
{
    public static IEnumerable<KeyValuePair<string, string>> Of(string userAgent)
    {
        yield return new("User-Agent", userAgent);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } traceparent } span)
        {
            yield return new("traceparent", traceparent);
            if (!string.IsNullOrEmpty(span.TraceStateString))
            {
                yield return new("tracestate", span.TraceStateString);
            }
        }
    }
}
