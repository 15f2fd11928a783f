using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>Scenario 1: every event published as fast as acks allow, one endpoint each, round robin over the fleet.</summary>
public static class ThroughputScenario
{
    public const string Name = "throughput";

    /// <param name="name">The phase's name (and its events' id prefix): scenario 1 again in another mode needs one of its own.</param>
    public static async Task<(ThroughputResult Result, ArrivalPhase Phase)> RunAsync(RunContext context, EndpointFleet fleet, string name = Name)
    {
        int events = context.Settings.ThroughputEvents;
        var phase = new ArrivalPhase(name, fleet.BaseIndex, fleet.Count, events, e => fleet.Secrets[e]);
        context.Receiver.Begin(phase);
        // Only the first run is profiled: a later one would overwrite its files.
        bool profiling = context.Settings.Profile && name == Name;
        if (profiling)
        {
            await RedisCommandStats.ResetAsync(context.Redis);
        }
        var cpuBefore = CpuSnapshot.Take(context.Dispatcher.ProcessId, context.Redis.ProcessId);
        var profile = profiling
            ? PerfProfile.Start(context.Dispatcher.ProcessId, context.Settings.Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(15), context.LogDirectory)
            : null;
        var producer = await ProducerRun.RunAsync(
            new ProducerArgs(context.Dispatcher.Grpc, name, fleet.WorkspacePrefix, fleet.Count, events, 0, null),
            context.LogDirectory, context.Settings.PhaseTimeout);
        bool complete = await PhaseWait.AllArrivedAsync(phase, context.Settings.PhaseTimeout);
        var cpu = CpuSnapshot.Take(context.Dispatcher.ProcessId, context.Redis.ProcessId).Since(cpuBefore);
        context.Receiver.Begin(null);
        if (profile is not null)
        {
            Directory.CreateDirectory(context.Settings.OutputDirectory);
            await profile.WriteReportAsync(Path.Combine(context.Settings.OutputDirectory, "latest-profile.txt"), context.LogDirectory);
        }
        if (profiling)
        {
            Directory.CreateDirectory(context.Settings.OutputDirectory);
            await RedisCommandStats.WriteAsync(context.Redis, phase.Unique, Path.Combine(context.Settings.OutputDirectory, "latest-commandstats.md"));
        }
        double seconds = (phase.LastMicros - producer.FirstPublishMicros) / 1e6;
        var windows = Enumerable.Range(0, fleet.Count).Select(e => CapBound.MaxPerWindow(phase.ArrivalsOf(e))).ToArray();
        var series = Stats.PerSecond(phase.ReceiptMicros.ToArray(), producer.FirstPublishMicros);
        return (new ThroughputResult(fleet.Count, events, phase.Unique, phase.Duplicates, seconds,
            seconds > 0 ? phase.Unique / seconds : 0, producer.AcceptedPerSecond, windows.Max(w => w.Raw),
            windows.Count(w => w.Raw > CapBound.PerSecond), windows.Count(w => w.LessJitter > CapBound.PerSecond), series, cpu, complete), phase);
    }
}
