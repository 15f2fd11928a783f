namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 1's load through <see cref="Instances"/> Dispatchers on one Redis: delivered/s from the
/// first publish to the last receipt, the cores each side used, and the per-endpoint bound.
/// </summary>
public sealed record InstancesRun(
    int Instances, long Delivered, double Seconds, double DeliveredPerSecond, double AckedPerSecond,
    double DispatcherCores, double RedisCores, int MaxPerEndpointInAnySecond, int EndpointsOverBound, bool Complete);
