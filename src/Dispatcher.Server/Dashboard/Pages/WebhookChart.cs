namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>
/// The deliveries chart of a webhook page, drawn on the server as SVG (no script library, no CDN): one
/// bar per minute over the last hour, or per <see cref="DayBarMinutes"/> minutes over the last day so
/// that a bar stays wide enough to see on a phone.
/// </summary>
public sealed record WebhookChart(string Window, int BarMinutes, IReadOnlyList<ChartBucket> Bars)
{
    public const string Hour = "hour";
    public const string Day = "day";
    public const int DayBarMinutes = 15;

    public static readonly WebhookChart Empty = new(Hour, 1, []);

    public long Max => Bars.Count == 0 ? 0 : Bars.Max(b => b.Total);

    public long Total(Func<ChartBucket, long> outcome) => Bars.Sum(outcome);

    /// <summary>Per-minute buckets, oldest first, merged into bars of <paramref name="barMinutes"/>.</summary>
    public static WebhookChart Of(string window, IReadOnlyList<ChartBucket> minutes, int barMinutes)
    {
        var bars = minutes
            .Select((bucket, index) => (bucket, index))
            .GroupBy(x => x.index / barMinutes, x => x.bucket)
            .Select(group => new ChartBucket(
                group.First().Start,
                group.Sum(b => b.Succeeded),
                group.Sum(b => b.Retrying),
                group.Sum(b => b.Failed),
                group.Sum(b => b.Other)))
            .ToList();
        return new WebhookChart(window, barMinutes, bars);
    }
}
