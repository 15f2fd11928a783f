namespace Dispatcher.Redis.Stats;

/// <summary>
/// A webhook's logged attempts over a <see cref="StatsWindow"/>: <see cref="Buckets"/> oldest first, each
/// <see cref="BucketSize"/> long, the last one holding now; <see cref="Totals"/> their sum.
/// </summary>
public sealed record WebhookStats(StatsWindow Window, TimeSpan BucketSize, IReadOnlyList<StatsBucket> Buckets, OutcomeCounts Totals);
