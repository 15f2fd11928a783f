using Dispatcher.Core.Deliveries;

namespace Dispatcher.Redis.Stats;

/// <summary>Logged attempts by outcome; <see cref="Expired"/> counts deliveries dropped unsent, which are not attempts.</summary>
public sealed record OutcomeCounts(long Succeeded, long Retrying, long Failed, long Paused, long Disabled, long Expired)
{
    /// <summary>No attempts.</summary>
    public static OutcomeCounts None { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Every attempt made: all outcomes but <see cref="Expired"/>.</summary>
    public long Attempts => Succeeded + Retrying + Failed + Paused + Disabled;

    /// <summary>Counts indexed by <see cref="DeliveryOutcome"/>, as <see cref="WebhookStatsReader"/> tallies them.</summary>
    internal static OutcomeCounts Of(ReadOnlySpan<long> byOutcome) =>
        new(byOutcome[(int)DeliveryOutcome.Succeeded], byOutcome[(int)DeliveryOutcome.Retrying], byOutcome[(int)DeliveryOutcome.Failed],
            byOutcome[(int)DeliveryOutcome.Paused], byOutcome[(int)DeliveryOutcome.Disabled], byOutcome[(int)DeliveryOutcome.Expired]);
}
