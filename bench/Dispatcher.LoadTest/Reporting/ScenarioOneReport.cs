using Dispatcher.LoadTest.Scenarios;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>
/// What <c>--scenario1</c> writes (scenario1.json): scenario 1 alone, with the server build it ran
/// (null: the one built beside the harness) and the durability mode, for bench/ab.sh's table.
/// </summary>
public sealed record ScenarioOneReport(
    DateTimeOffset StartedAt, bool Quick, double Scale, string? ServerBuild, MachineFacts Machine, DurabilityMode Durability,
    int WarmUpEvents, ThroughputResult Throughput, PerCore PerCore)
{
    public const string FileName = "scenario1.json";
}
