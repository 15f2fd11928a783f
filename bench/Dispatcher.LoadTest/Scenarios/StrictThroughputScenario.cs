using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 1 again, with the same fleet and events, in the strictest durability mode this box can
/// run: Redis <c>appendfsync always</c> (an ack then survives a machine crash; docs/durability.md).
/// Switched on the running Redis and switched back after, so both modes share the run's Dispatcher,
/// data and machine. (WaitForReplicas would be stricter still, for failover, but needs replicas.)
/// </summary>
public static class StrictThroughputScenario
{
    public const string Name = "throughput-always";

    public static async Task<(ThroughputResult Result, ArrivalPhase Phase)> RunAsync(RunContext context, EndpointFleet fleet)
    {
        string previous = context.Redis.Fsync;
        await context.Redis.SetFsyncAsync("always");
        try
        {
            return await ThroughputScenario.RunAsync(context, fleet, Name);
        }
        finally
        {
            await context.Redis.SetFsyncAsync(previous);
        }
    }
}
