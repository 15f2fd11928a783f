using Dispatcher.Redis.Stats;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>
/// The deliveries chart of a webhook page, drawn on the server as SVG (no script library, no CDN) from
/// the counters the settle script keeps: one bar per minute over the last hour, per 15 minutes over
/// the last day.
/// </summary>
public sealed record WebhookChart(StatsWindow Window, int BarMinutes, IReadOnlyList<ChartBucket> Bars)
{
    public static readonly WebhookChart Empty = new(StatsWindow.Hour, 1, []);

    public long Max => Bars.Count == 0 ? 0 : Bars.Max(b => b.Total);

    public long Total(Func<ChartBucket, long> outcome) => Bars.Sum(outcome);

    public static WebhookChart Of(WebhookStats stats) => new(
        stats.Window,
        (int)stats.BucketSize.TotalMinutes,
        stats.Buckets.Select(b => new ChartBucket(b.Start, b.Counts.Succeeded, b.Counts.Retrying, b.Counts.Failed, b.Counts.Paused + b.Counts.Disabled)).ToList());
}
