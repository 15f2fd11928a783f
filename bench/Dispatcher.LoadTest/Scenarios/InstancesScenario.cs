using System.Diagnostics;
using Dispatcher.Engine.Configuration;
using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 1's load (same fleet, same number of events, as fast as acks allow) first through the
/// one instance, then through three on the same Redis, back to back in one run. Both halves use
/// three producer processes (into the one instance, then one into each), so the load generator
/// costs the same on both sides and only the number of instances differs.
/// </summary>
public static class InstancesScenario
{
    public const int Instances = 3;

    /// <summary>The server's default (the harness sets neither): Partitions:TakeoverDelay, else Delivery:RequestTimeout.</summary>
    private static TimeSpan TakeoverDelay => new PartitionOptions().TakeoverDelay ?? new DeliveryOptions().RequestTimeout;

    /// <param name="handedBack">
    /// Whether the instance an earlier phase started was stopped gracefully, handing its leases back:
    /// the one instance then delivers those partitions as soon as it holds them.
    /// </param>
    public static async Task<(InstancesResult Result, ArrivalPhase[] Phases)> RunAsync(RunContext context, EndpointFleet fleet, bool handedBack)
    {
        var holders = new PartitionHolders(context.Redis);
        // An instance killed by an earlier phase keeps its leases until they expire, and the one
        // that takes them over waits the takeover delay before it delivers them: measured earlier,
        // the one instance would be short of those partitions for part of its phase.
        await holders.WaitForInstancesAsync(1, context.Settings.PhaseTimeout);
        if (!handedBack)
        {
            await Task.Delay(TakeoverDelay + TimeSpan.FromSeconds(1));
        }
        var (one, onePhase) = await MeasureAsync(context, fleet, "instances-1", [context.Dispatcher]);

        var splitClock = Stopwatch.StartNew();
        // Started together: the split is timed from here to both having their shares, not one start after the other.
        var starting = new[] { context.Dispatcher.StartAnotherAsync("dispatcher-3b"), context.Dispatcher.StartAnotherAsync("dispatcher-3c") };
        await using var b = await starting[0];
        await using var c = await starting[1];
        await holders.WaitForInstancesAsync(Instances, context.Settings.PhaseTimeout);
        double split = splitClock.Elapsed.TotalSeconds;
        // Cold instances, warmed as scenario 1's instance was (ingest through each, deliveries on all three).
        await WarmUp.RunAsync(context with { Dispatcher = b }, fleet, "instances-warmup-b");
        await WarmUp.RunAsync(context with { Dispatcher = c }, fleet, "instances-warmup-c");
        var (three, threePhase) = await MeasureAsync(context, fleet, "instances-3", [context.Dispatcher, b, c]);

        return (new InstancesResult(context.Settings.ThroughputEvents, Instances, one, three,
            one.DeliveredPerSecond > 0 ? three.DeliveredPerSecond / one.DeliveredPerSecond : null, split), [onePhase, threePhase]);
    }

    private static async Task<(InstancesRun Run, ArrivalPhase Phase)> MeasureAsync(
        RunContext context, EndpointFleet fleet, string name, DispatcherServer[] servers)
    {
        int events = context.Settings.ThroughputEvents;
        var phase = new ArrivalPhase(name, fleet.BaseIndex, fleet.Count, events, e => fleet.Secrets[e]);
        context.Receiver.Begin(phase);
        var before = servers.Select(s => CpuSnapshot.Take(s.ProcessId, context.Redis.ProcessId)).ToArray();
        Uri[] targets = [.. Enumerable.Range(0, Instances).Select(i => servers[i % servers.Length].Grpc)];
        var producer = await ShardedProducers.RunAsync(targets, name, fleet.WorkspacePrefix, fleet.Count, events,
            context.LogDirectory, context.Settings.PhaseTimeout);
        bool complete = await PhaseWait.AllArrivedAsync(phase, context.Settings.PhaseTimeout);
        var cpu = servers.Select((s, i) => CpuSnapshot.Take(s.ProcessId, context.Redis.ProcessId).Since(before[i])).ToArray();
        context.Receiver.Begin(null);
        double seconds = (phase.LastMicros - producer.FirstPublishMicros) / 1e6;
        var windows = Enumerable.Range(0, fleet.Count).Select(e => CapBound.MaxPerWindow(phase.ArrivalsOf(e))).ToArray();
        return (new InstancesRun(servers.Length, phase.Unique, seconds, seconds > 0 ? phase.Unique / seconds : 0, producer.AcceptedPerSecond,
            cpu.Sum(u => u.Dispatcher), cpu[0].Redis, windows.Max(w => w.Raw), windows.Count(w => w.Raw > CapBound.PerSecond), complete), phase);
    }
}
