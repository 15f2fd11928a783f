namespace Dispatcher.Engine.Telemetry;

/// <summary>One partition's backlog as last sampled from Redis.</summary>
/// <param name="Due">Deliveries due now (claimable: their webhook is neither paused nor disabled).</param>
/// <param name="Scheduled">Deliveries due later: retries, paused webhooks, and claims in flight.</param>
/// <param name="OldestDueAge">How long the earliest due delivery has been due; zero when none is.</param>
public sealed record PartitionSample(int Partition, long Due, long Scheduled, TimeSpan OldestDueAge);
