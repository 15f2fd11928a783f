using Dispatcher.Redis.Stats;

namespace Dispatcher.Server.Api.Stats;

/// <summary>A webhook's attempts over a window: buckets oldest first (the last one still filling) and their totals.</summary>
public sealed record WebhookStatsResponse(
    string Window,
    int BucketSeconds,
    DateTime From,
    DateTime To,
    IReadOnlyList<StatsBucketResponse> Buckets,
    StatsTotalsResponse Totals)
{
    public static WebhookStatsResponse Of(WebhookStats stats)
    {
        var buckets = stats.Buckets.Select(StatsBucketResponse.From).ToList();
        var from = stats.Buckets[0].Start.UtcDateTime;
        return new(
            StatsWindows.Name(stats.Window),
            (int)stats.BucketSize.TotalSeconds,
            from,
            from + stats.Buckets.Count * stats.BucketSize,
            buckets,
            StatsTotalsResponse.From(stats.Totals));
    }
}
