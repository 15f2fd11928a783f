namespace Dispatcher.Core.Retries;

/// <summary>
/// The delays between attempts. N delays mean N + 1 attempts; after the last the delivery is failed.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> delays)
{
    /// <summary>CD4CD's: 1m → 5m → 15m → 1h → 6h → 24h.</summary>
    public static RetrySchedule Default { get; } = FromSeconds(60, 300, 900, 3600, 21600, 86400);

    public IReadOnlyList<TimeSpan> Delays { get; } = delays;

    public static RetrySchedule FromSeconds(params int[] seconds) =>
        new(seconds.Select(s => TimeSpan.FromSeconds(s)).ToArray());

    /// <summary>The delay before the next attempt after <paramref name="attemptsMade"/> failed ones, or null when none is left.</summary>
    public TimeSpan? DelayAfter(int attemptsMade) =>
        attemptsMade >= 1 && attemptsMade <= Delays.Count ? Delays[attemptsMade - 1] : null;
}
