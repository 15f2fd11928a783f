using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// The 1,000,000-queued-deliveries scenario, built as the burst is: the fleet disabled while every
/// event is published, so the whole backlog sits in Redis (INFO memory sees all of it queued, and
/// Dispatcher's RSS is what holding it costs), then released by enabling the fleet. Unlike the
/// burst, the queue is deep enough (10,000 per endpoint) that the drain is minutes at the cap, so
/// its rate against endpoints × 50/s says whether the engine keeps every endpoint at its cap.
/// </summary>
public static class BacklogScenario
{
    public const string Name = "backlog";

    public static async Task<(BacklogResult Result, ArrivalPhase Phase)> RunAsync(RunContext context, EndpointFleet fleet)
    {
        var settings = context.Settings;
        int events = settings.BacklogEvents;
        int pid = context.Dispatcher.ProcessId;
        await fleet.SetEnabledAsync(context.Api, enabled: false, CancellationToken.None);
        long before = await context.Redis.UsedMemoryAsync();
        MemorySampler.ResetPeak(pid);
        ProducerReport producer;
        long peakQueued;
        await using (var queuedMemory = new MemorySampler(pid))
        {
            producer = await ProducerRun.RunAsync(
                new ProducerArgs(context.Dispatcher.Grpc, Name, fleet.WorkspacePrefix, fleet.Count, events, 0, null),
                context.LogDirectory, settings.BacklogTimeout);
            peakQueued = Math.Max(queuedMemory.PeakBytes, queuedMemory.MaxRssBytes);
        }
        long queued = await context.Redis.UsedMemoryAsync();

        var phase = new ArrivalPhase(Name, fleet.BaseIndex, fleet.Count, events, e => fleet.Secrets[e]);
        context.Receiver.Begin(phase);
        MemorySampler.ResetPeak(pid);
        await using var drainMemory = new MemorySampler(pid);
        var cpuBefore = CpuSnapshot.Take(pid, context.Redis.ProcessId);
        long released = Clock.NowMicros();
        await fleet.SetEnabledAsync(context.Api, enabled: true, CancellationToken.None);
        bool complete = await PhaseWait.AllArrivedAsync(phase, settings.BacklogTimeout);
        var cpu = CpuSnapshot.Take(pid, context.Redis.ProcessId).Since(cpuBefore);
        context.Receiver.Begin(null);

        var windows = Enumerable.Range(0, fleet.Count).Select(e => CapBound.MaxPerWindow(phase.ArrivalsOf(e))).ToArray();
        double drain = (phase.LastMicros - released) / 1e6;
        double rate = drain > 0 ? phase.Unique / drain : 0;
        double cap = fleet.Count * (double)CapBound.RatePerSecond;
        int[] series = Stats.PerSecond(phase.ReceiptMicros.ToArray(), released);
        return (new BacklogResult(fleet.Count, settings.BacklogPerEndpoint, events, producer.Accepted, producer.AcceptedPerSecond,
            before, queued, producer.Accepted > 0 ? (queued - before) / (double)producer.Accepted : 0,
            peakQueued, Math.Max(drainMemory.PeakBytes, drainMemory.MaxRssBytes),
            phase.Unique, phase.Duplicates, drain, rate, cap, rate / cap, SteadyRate(series),
            windows.Max(w => w.Raw), CapBound.PerSecond, windows.Count(w => w.Raw > CapBound.PerSecond),
            windows.Count(w => w.LessJitter > CapBound.PerSecond), series, cpu, complete), phase);
    }

    /// <summary>
    /// The median of the whole seconds between the first (which holds the burst allowance and the
    /// release's ramp) and the last (cut short): the rate the engine holds once the drain is steady.
    /// </summary>
    private static double SteadyRate(int[] series)
    {
        int[] inner = series.Length > 2 ? [.. series[1..^1].Order()] : [.. series.Order()];
        return inner.Length == 0 ? 0 : inner[inner.Length / 2];
    }
}
