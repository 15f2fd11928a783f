using Dispatcher.Redis.Stats;

namespace Dispatcher.Server.Api.Stats;

/// <summary>
/// A window's totals by outcome; <paramref name="Attempts"/> is every outcome but <c>expired</c> (a drop, not an
/// attempt), <paramref name="SuccessRate"/> succeeded ÷ attempts to four places, absent without attempts.
/// </summary>
public sealed record StatsTotalsResponse(
    long Attempts, long Succeeded, long Retrying, long Failed, long Paused, long Disabled, long Expired, double? SuccessRate)
{
    public static StatsTotalsResponse From(OutcomeCounts c) =>
        new(c.Attempts, c.Succeeded, c.Retrying, c.Failed, c.Paused, c.Disabled, c.Expired,
            c.Attempts == 0 ? null : Math.Round((double)c.Succeeded / c.Attempts, 4));
}
