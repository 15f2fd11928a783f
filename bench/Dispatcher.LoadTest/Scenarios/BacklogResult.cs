using Dispatcher.LoadTest.Measuring;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// The backlog scenario: a million deliveries queued (at full scale), what holding them costs
/// (Dispatcher's peak RSS, Redis memory in all and per queued delivery) and how they drain once
/// released: delivered/s against the endpoints' cap, and the most any endpoint got in any 1 s.
/// </summary>
public sealed record BacklogResult(
    int Endpoints, int PerEndpoint, int Events, long Queued, double EnqueueAckedPerSecond,
    long RedisBytesBefore, long RedisBytesQueued, double RedisBytesPerQueuedDelivery,
    long PeakRssQueuedBytes, long PeakRssDrainBytes,
    long Delivered, long Duplicates, double DrainSeconds, double DrainPerSecond, double CapPerSecond, double DrainToCap,
    double SteadyDrainPerSecond, int MaxInAnySecond, int Bound, int EndpointsOverBound, int EndpointsOverBoundLessJitter,
    int[] DrainPerSecondSeries, CpuUse DrainCpu, bool Complete)
{
    /// <summary>What the backlog itself added to Redis (used_memory queued − before).</summary>
    public long RedisBacklogBytes => RedisBytesQueued - RedisBytesBefore;
}
