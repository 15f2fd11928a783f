namespace Dispatcher.Redis.Stats;

/// <summary>The attempts logged from <paramref name="Start"/> for one bucket's length (<see cref="WebhookStats.BucketSize"/>).</summary>
public sealed record StatsBucket(DateTimeOffset Start, OutcomeCounts Counts);
