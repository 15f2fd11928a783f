namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 5: events ingested by one instance while a second holds about half the partitions.
/// <see cref="CrossInstance"/> is what the other instance delivered (woken through Redis pub/sub),
/// <see cref="SameInstance"/> what the ingesting instance delivered itself, in the same phase at the
/// same load; the ratios cross ÷ same (null where same is 0) are the figures to read on a noisy
/// machine. <see cref="IdlePollMs"/> is what a holder would wait without the wake-up, at most.
/// <see cref="SplitSeconds"/> runs from starting the second instance until the leases are split.
/// </summary>
public sealed record CrossInstanceResult(
    double RatePerSecond, int Events, long Delivered, int Partitions, int PartitionsHeldByPublisher, int PartitionsHeldByOther,
    double SplitSeconds, InstanceDeliveries SameInstance, InstanceDeliveries CrossInstance,
    double? CrossToSameP50, double? CrossToSameP99, double? CrossToSameP999, double IdlePollMs, bool HoldersStable, bool Complete);
