using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 3. The fleet is disabled while every event is published, so the whole backlog sits in
/// Redis (INFO memory before and after gives bytes per queued delivery); enabling the fleet then
/// releases it at once — the hardest case for the per-endpoint cap. Dispatcher's RSS is sampled
/// through both halves, its high-water mark reset at the start.
/// </summary>
public static class BurstScenario
{
    public static async Task<(BurstResult Result, ArrivalPhase Phase)> RunAsync(RunContext context, EndpointFleet fleet)
    {
        int events = context.Settings.BurstEvents;
        int pid = context.Dispatcher.ProcessId;
        await fleet.SetEnabledAsync(context.Api, enabled: false, CancellationToken.None);
        MemorySampler.ResetPeak(pid);
        await using var memory = new MemorySampler(pid);
        long before = await context.Redis.UsedMemoryAsync();
        var producer = await ProducerRun.RunAsync(
            new ProducerArgs(context.Dispatcher.Grpc, "burst", fleet.WorkspacePrefix, fleet.Count, events, 0, null),
            context.LogDirectory, context.Settings.PhaseTimeout);
        long after = await context.Redis.UsedMemoryAsync();

        var phase = new ArrivalPhase("burst", fleet.BaseIndex, fleet.Count, events, e => fleet.Secrets[e]);
        context.Receiver.Begin(phase);
        long released = Clock.NowMicros();
        await fleet.SetEnabledAsync(context.Api, enabled: true, CancellationToken.None);
        bool complete = await PhaseWait.AllArrivedAsync(phase, context.Settings.PhaseTimeout);
        context.Receiver.Begin(null);

        var windows = Enumerable.Range(0, fleet.Count).Select(e => CapBound.MaxPerWindow(phase.ArrivalsOf(e))).ToArray();
        int[] perEndpoint = [.. windows.Select(w => w.Raw)];
        int bound = CapBound.PerSecond;
        double drain = (phase.LastMicros - released) / 1e6;
        long peak = Math.Max(memory.PeakBytes, memory.MaxRssBytes);
        return (new BurstResult(fleet.Count, events, phase.Unique, phase.Duplicates, drain, drain > 0 ? phase.Unique / drain : 0,
            perEndpoint.Max(), bound, perEndpoint.Count(m => m > bound), windows.Count(w => w.LessJitter > bound), perEndpoint,
            peak, before, after, producer.Accepted > 0 ? (after - before) / (double)producer.Accepted : 0,
            producer.AcceptedPerSecond, Stats.PerSecond(phase.ReceiptMicros.ToArray(), released), complete), phase);
    }
}
