namespace Dispatcher.Engine.Sending;

/// <summary>The outcome of one attempt, as a value: a bad endpoint is data, not an exception.</summary>
/// <param name="RetryAfter">The receiver's Retry-After, when it sent one (seconds or an HTTP date).</param>
public readonly record struct DeliveryResult(
    DeliveryResultKind Kind,
    int StatusCode,
    TimeSpan Latency,
    string? Error,
    string? ResponseBody,
    TimeSpan? RetryAfter = null)
{
    public bool IsSuccess => Kind == DeliveryResultKind.Success;
}
