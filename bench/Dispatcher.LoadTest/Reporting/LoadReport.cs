using Dispatcher.LoadTest.Ceilings;
using Dispatcher.LoadTest.Peers;
using Dispatcher.LoadTest.Scenarios;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>Everything one run measured; written as bench/results/latest.json and rendered as latest.md.</summary>
public sealed record LoadReport(
    DateTimeOffset StartedAt,
    double RunSeconds,
    bool Quick,
    double Scale,
    MachineFacts Machine,
    ThroughputResult Throughput,
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
