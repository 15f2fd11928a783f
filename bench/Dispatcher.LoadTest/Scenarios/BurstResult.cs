namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 3: a backlog released at once. The most any endpoint received in any 1 s window against
/// its bound (burst + rate), Dispatcher's peak RSS over the phase, Redis bytes per queued delivery.
/// </summary>
public sealed record BurstResult(
    int Endpoints, int Events, long Delivered, long Duplicates, double DrainSeconds, double DrainPerSecond,
    int MaxInAnySecond, int Bound, int EndpointsOverBound, int EndpointsOverBoundLessJitter, int[] PerEndpointMaxInAnySecond,
    long PeakRssBytes, long RedisBytesBefore, long RedisBytesAfter, double RedisBytesPerQueuedDelivery,
    double EnqueueAckedPerSecond, int[] DrainPerSecondSeries, bool Complete);
