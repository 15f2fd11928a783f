using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Before scenario 1, a tenth of its events (at most 20,000) through the same path, not measured: a
/// profile of a cold run showed a quarter of Dispatcher's CPU going to tiered JIT compilation in the
/// first seconds, which says nothing about the steady state a long-running service lives in.
/// </summary>
public static class WarmUp
{
    private const int MaxEvents = 20_000;

    /// <param name="name">The phase's name, unique in the run: it prefixes the event ids, and a repeated id is a duplicate, never delivered.</param>
    public static async Task<int> RunAsync(RunContext context, EndpointFleet fleet, string name = "warmup")
    {
        int events = Math.Clamp(context.Settings.ThroughputEvents / 10, 1, MaxEvents);
        var phase = new ArrivalPhase(name, fleet.BaseIndex, fleet.Count, events, e => fleet.Secrets[e]);
        context.Receiver.Begin(phase);
        await ProducerRun.RunAsync(
            new ProducerArgs(context.Dispatcher.Grpc, name, fleet.WorkspacePrefix, fleet.Count, events, 0, null),
            context.LogDirectory, context.Settings.PhaseTimeout);
        await PhaseWait.AllArrivedAsync(phase, context.Settings.PhaseTimeout);
        context.Receiver.Begin(null);
        return events;
    }
}
