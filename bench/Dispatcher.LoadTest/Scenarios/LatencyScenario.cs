using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>Scenario 2: a steady load on the throughput fleet; the producer writes every ack time to a file.</summary>
public static class LatencyScenario
{
    public static async Task<(LatencyResult Result, ArrivalPhase Phase)> RunAsync(RunContext context, EndpointFleet fleet, double throughput)
    {
        double rate = Math.Max(10, throughput * context.Settings.LatencyLoadFraction);
        int events = (int)Math.Max(100, rate * context.Settings.LatencyDuration.TotalSeconds);
        var run = await SteadyLoad.RunAsync(context, fleet, "latency", rate, events);
        var ack = LatencyPercentiles.Of([.. run.AckToReceipt().Select(a => a.Micros).Order()]);
        long[] publishToReceipt = run.Phase.PublishToReceiptMicros.ToArray();
        var publish = LatencyPercentiles.Of([.. publishToReceipt.Where((_, seq) => run.ReceiptMicros[seq] > 0).Order()]);
        return (new LatencyResult(rate, events, run.Phase.Unique,
            ack.P50Ms, ack.P99Ms, ack.P999Ms, publish.P50Ms, publish.P99Ms, publish.P999Ms,
            run.Producer.PublishToAckP50Ms, run.Producer.PublishToAckP99Ms, run.Complete), run.Phase);
    }
}
