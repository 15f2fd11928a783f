namespace Dispatcher.Server.Configuration;

/// <summary>How per-minute click aggregates (<c>link.clicked.aggregated</c>) are closed.</summary>
public sealed class AggregationOptions
{
    /// <summary>
    /// How long after a minute ends its window is closed, so clicks still in flight at the
    /// boundary land in it rather than in the next. Default 2 seconds; 0 to 30 seconds.
    /// </summary>
    public TimeSpan CloseDelay { get; set; } = TimeSpan.FromSeconds(2);
}
