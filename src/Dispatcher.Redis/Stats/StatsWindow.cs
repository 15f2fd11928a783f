namespace Dispatcher.Redis.Stats;

/// <summary>How far back <see cref="WebhookStatsReader.ReadAsync"/> looks, and in what buckets.</summary>
public enum StatsWindow
{
    /// <summary>The last hour: 60 one-minute buckets, the last one the minute in progress.</summary>
    Hour,

    /// <summary>
    /// The last day: 96 buckets of 15 minutes (on the quarter hours, UTC), the last one in progress.
    /// A chart of 1440 minutes would be wider than any screen showing it.
    /// </summary>
    Day,
}
