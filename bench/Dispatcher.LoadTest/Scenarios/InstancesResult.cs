namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// The scale model's one claim testable on one box: three instances sharing one Redis deliver in
/// total no less than one does (no contention collapse). <see cref="ThreeToOne"/> ≥ 1 holds it.
/// </summary>
public sealed record InstancesResult(int Events, int Producers, InstancesRun One, InstancesRun Three, double? ThreeToOne, double SplitSeconds);
