using Dispatcher.LoadTest.Measuring;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>Scenario 1: delivered events/s from the first publish to the last receipt.</summary>
public sealed record ThroughputResult(
    int Endpoints, int Events, long Delivered, long Duplicates, double Seconds, double DeliveredPerSecond,
    double AckedPerSecond, int MaxPerEndpointInAnySecond, int EndpointsOverBound, int EndpointsOverBoundLessJitter,
    int[] DeliveredPerSecondSeries, CpuUse Cpu, bool Complete);
