namespace Dispatcher.Core.Deliveries;

/// <summary>
/// One attempt as the customer sees it in the delivery log. Holds no secrets: the signature
/// header is an HMAC, never the key.
/// </summary>
/// <param name="Outcome">Written as its wire name: succeeded, retrying, failed (out of attempts), paused (Retry-After), disabled (410) or expired.</param>
public sealed record DeliveryLogEntry(
    DateTimeOffset At,
    string DeliveryId,
    string EventId,
    string EventType,
    int Attempt,
    DeliveryOutcome Outcome,
    int? StatusCode,
    string? Error,
    double LatencyMs,
    IReadOnlyDictionary<string, string> RequestHeaders,
    string RequestBody,
    bool RequestBodyTruncated,
    string? ResponseBody);
