using Dispatcher.Redis.Stats;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>
/// The deliveries chart of a webhook page, drawn on the server as SVG (no script library, no CDN) from
/// the counters the settle script keeps: one bar per minute over the last hour, per 15 minutes over
/// the last day.
/// </summary>
public sealed record WebhookChart(string Window, int BarMinutes, IReadOnlyList<ChartBucket> Bars)
{
    public const string Hour = "hour";
    public const string Day = "day";

    public static readonly WebhookChart Empty = new(Hour, 1, []);

    public long Max => Bars.Count == 0 ? 0 : Bars.Max(b => b.Total);

    public long Total(Func<ChartBucket, long> outcome) => Bars.Sum(outcome);

    public static StatsWindow WindowOf(string? name) => name == Day ? StatsWindow.Day : StatsWindow.Hour;

    public static WebhookChart Of(WebhookStats stats) => new(
        stats.Window == StatsWindow.Day ? Day : Hour,
        (int)stats.BucketSize.TotalMinutes,
        stats.Buckets.Select(b => new ChartBucket(b.Start, b.Counts.Succeeded, b.Counts.Retrying, b.Counts.Failed, b.Counts.Paused + b.Counts.Disabled)).ToList());
}
