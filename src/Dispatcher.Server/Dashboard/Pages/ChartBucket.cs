namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>One bar of the chart: the attempts settled from <see cref="Start"/> on, by outcome.</summary>
public sealed record ChartBucket(DateTimeOffset Start, long Succeeded, long Retrying, long Failed, long Other)
{
    public long Total => Succeeded + Retrying + Failed + Other;
}
