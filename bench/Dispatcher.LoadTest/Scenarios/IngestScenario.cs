using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 4: ingest alone. The fleet (one subscriber per event) is disabled first, so its
/// deliveries queue in Redis and no delivery work competes with ingest for the two cores.
/// </summary>
public static class IngestScenario
{
    public static async Task<IngestResult> RunAsync(RunContext context, EndpointFleet fleet)
    {
        await fleet.SetEnabledAsync(context.Api, enabled: false, CancellationToken.None);
        int events = context.Settings.IngestEvents;
        var producer = await ProducerRun.RunAsync(
            new ProducerArgs(context.Dispatcher.Grpc, "ingest", fleet.WorkspacePrefix, fleet.Count, events, 0, null),
            context.LogDirectory, context.Settings.PhaseTimeout);
        return new IngestResult(events, producer.Accepted, producer.Rejected + producer.Failed, producer.Seconds, producer.AcceptedPerSecond);
    }
}
