using Dispatcher.LoadTest.Ceilings;
using Dispatcher.LoadTest.Peers;
using Dispatcher.LoadTest.Scenarios;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>
/// Everything one run measured; written as bench/results/latest.json and rendered as latest.md.
/// <see cref="Durability"/> is the mode of every figure but <see cref="ThroughputStrict"/>'s
/// (<see cref="StrictDurability"/>). <see cref="Instances"/> is null with --no-instances.
/// </summary>
public sealed record LoadReport(
    DateTimeOffset StartedAt,
    double RunSeconds,
    bool Quick,
    double Scale,
    MachineFacts Machine,
    DurabilityMode Durability,
    ThroughputResult Throughput,
    PerCore ThroughputPerCore,
    ThroughputResult ThroughputStrict,
    DurabilityMode StrictDurability,
    PerCore ThroughputStrictPerCore,
    BacklogResult Backlog,
    InstancesResult? Instances,
    LatencyResult Latency,
    BurstResult Burst,
    IngestResult Ingest,
    CrossInstanceResult CrossInstance,
    IReadOnlyList<CeilingResult> Ceilings,
    IReadOnlyList<PeerResult> Peers,
    SignatureTotals Signatures,
    Ratios Ratios,
    long DispatcherPeakRssBytesOverall,
    IReadOnlyList<string> Notes);
