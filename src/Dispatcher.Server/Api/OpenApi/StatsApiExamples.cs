using Dispatcher.Redis.Stats;
using Dispatcher.Server.Api.Stats;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>The example of <c>GET /v1/webhooks/{id}/stats</c>: a whole hour, built the way the server builds one.</summary>
public static class StatsApiExamples
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 30, 20, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>
    {
        ["GetWebhookStats"] = new(null, new Dictionary<int, object>
        {
            [200] = WebhookStatsResponse.Of(Hour()),
            [400] = ApiExamples.Error(ApiError.BadRequest("INVALID_WINDOW", "window must be one of: hour, day", ["week"])),
        }),
    };

    /// <summary>A steady trickle of successes, a receiver that answered 503 for two minutes, and one retry failing for good.</summary>
    private static WebhookStats Hour()
    {
        var first = Now.AddSeconds(-Now.Second) - TimeSpan.FromMinutes(59);
        var buckets = Enumerable.Range(0, 60).Select(m => new StatsBucket(first.AddMinutes(m), m switch
        {
            41 or 42 => new OutcomeCounts(3, 9, 0, 0, 0, 0),
            47 => new OutcomeCounts(11, 1, 1, 0, 0, 0),
            _ => new OutcomeCounts(12 + m % 3, 0, 0, 0, 0, 0),
        })).ToList();
        var totals = new OutcomeCounts(
            buckets.Sum(b => b.Counts.Succeeded), buckets.Sum(b => b.Counts.Retrying), buckets.Sum(b => b.Counts.Failed), 0, 0, 0);
        return new WebhookStats(StatsWindow.Hour, TimeSpan.FromMinutes(1), buckets, totals);
    }
}
