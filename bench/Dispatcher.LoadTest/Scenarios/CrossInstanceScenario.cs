using System.Diagnostics;
using Dispatcher.Engine.Configuration;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// Scenario 5: a second Dispatcher joins the first against the same Redis; once the leases are
/// split, a steady load is published through the first only, to every endpoint of the fleet, and
/// each receipt is classed by which instance holds its endpoint's partition. Both classes share the
/// phase, the load and the machine, so their ratio isolates the cross-instance hop.
/// </summary>
public static class CrossInstanceScenario
{
    public const string OtherInstanceName = "dispatcher-b";

    /// <summary>Every delivery of the phase has arrived by then, so a graceful stop has nothing in flight to wait for.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the phase; <c>HandedBack</c> says the second instance then stopped gracefully, handing its leases back.</summary>
    public static async Task<(CrossInstanceResult Result, ArrivalPhase Phase, bool HandedBack)> RunAsync(RunContext context, EndpointFleet fleet, double rate)
    {
        var holders = new PartitionHolders(context.Redis);
        string publisher = await holders.SoleHolderAsync();
        var splitClock = Stopwatch.StartNew();
        // Stopped gracefully at the end (killed only if that fails): the instances phase after this one
        // needs the first instance alone with every partition, which a killed instance would hold up
        // for its lease TTL and then the takeover delay (about 26 s at the defaults, in every run).
        await using var other = await context.Dispatcher.StartAnotherAsync(OtherInstanceName);
        string?[] split = await holders.WaitForSplitAsync(publisher, context.Settings.PhaseTimeout);
        double splitSeconds = splitClock.Elapsed.TotalSeconds;
        // The second instance starts cold; unmeasured, so its JIT does not count against the hop.
        await WarmUp.RunAsync(context, fleet, "cross-instance-warmup");

        int events = (int)Math.Max(100, rate * context.Settings.CrossInstanceDuration.TotalSeconds);
        var run = await SteadyLoad.RunAsync(context, fleet, "cross-instance", rate, events);
        bool stable = (await holders.ReadAsync()).SequenceEqual(split);
        bool handedBack = await other.StopAsync(StopTimeout);

        bool[] publisherDelivers = [.. fleet.Ids.Select(id => split[holders.Map.PartitionOf(id)] == publisher)];
        List<long> same = [], cross = [];
        foreach (var (seq, micros) in run.AckToReceipt())
        {
            (publisherDelivers[Routing.EndpointOf(seq, fleet.Count)] ? same : cross).Add(micros);
        }
        var sameSide = InstanceDeliveries.Of(publisherDelivers.Count(d => d), same);
        var crossSide = InstanceDeliveries.Of(publisherDelivers.Count(d => !d), cross);
        int heldByPublisher = split.Count(h => h == publisher);
        return (new CrossInstanceResult(rate, events, run.Phase.Unique, split.Length, heldByPublisher, split.Length - heldByPublisher,
            splitSeconds, sameSide, crossSide,
            Ratio(crossSide.AckToReceipt.P50Ms, sameSide.AckToReceipt.P50Ms),
            Ratio(crossSide.AckToReceipt.P99Ms, sameSide.AckToReceipt.P99Ms),
            Ratio(crossSide.AckToReceipt.P999Ms, sameSide.AckToReceipt.P999Ms),
            new DeliveryOptions().IdlePoll.TotalMilliseconds, stable, run.Complete), run.Phase, handedBack);
    }

    private static double? Ratio(double cross, double same) => same > 0 ? cross / same : null;
}
