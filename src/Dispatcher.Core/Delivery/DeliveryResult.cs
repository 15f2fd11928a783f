namespace Dispatcher.Core.Delivery;

/// <summary>The outcome of one attempt, as a value: a bad endpoint is data, not an exception.</summary>
public readonly record struct DeliveryResult(
    DeliveryResultKind Kind,
    int StatusCode,
    TimeSpan Latency,
    string? Error,
    string? ResponseBody)
{
    public bool IsSuccess => Kind == DeliveryResultKind.Success;
}
