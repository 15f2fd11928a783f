namespace Dispatcher.Redis.Stats;

/// <summary>
/// How delivery counters are cut into hours: one hash per webhook per hour (<see cref="RedisKeys.DeliveryStats"/>),
/// named by whole hours since the Unix epoch, so a writer and a reader name the same hour without talking.
/// </summary>
public static class StatsHours
{
    private const long HourMs = 3_600_000;

    /// <summary>
    /// Hours a drop deletes before the current one: the counters live a day after their hour ends plus
    /// an hour of clock disagreement (stats_expire in common.lua), and one more for the hour in progress.
    /// </summary>
    public const int KeptBehind = 26;

    /// <summary>Hours a drop deletes after the current one: what an instance whose clock runs ahead may have written.</summary>
    public const int KeptAhead = 2;

    /// <summary>The hour (since the epoch) <paramref name="atMs"/> falls in.</summary>
    public static long Of(long atMs) => Math.DivRem(atMs, HourMs, out long rest) - (rest < 0 ? 1 : 0);

    /// <summary>The hour (since the epoch) <paramref name="at"/> falls in.</summary>
    public static long Of(DateTimeOffset at) => Of(at.ToUnixTimeMilliseconds());

    /// <summary>When hour <paramref name="hour"/> starts.</summary>
    public static DateTimeOffset Start(long hour) => DateTimeOffset.FromUnixTimeMilliseconds(hour * HourMs);
}
