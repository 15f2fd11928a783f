namespace Dispatcher.Core.Deliveries;

/// <summary>The outcome names the delivery log uses (and the API filters by).</summary>
public static class DeliveryOutcomes
{
    public const string Succeeded = "succeeded";
    public const string Retrying = "retrying";
    public const string Failed = "failed";
    public const string Paused = "paused";
    public const string Disabled = "disabled";

    /// <summary>Not an attempt: the delivery was dropped because its event outlived its retention.</summary>
    public const string Expired = "expired";

    public static IReadOnlyList<string> All { get; } = [Succeeded, Retrying, Failed, Paused, Disabled, Expired];
}
