using System.Runtime.InteropServices;
using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Producing;
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
        string acksFile = Path.Combine(context.LogDirectory, "latency-acks.bin");
        var phase = new ArrivalPhase("latency", fleet.BaseIndex, fleet.Count, events, e => fleet.Secrets[e]);
        context.Receiver.Begin(phase);
        var producer = await ProducerRun.RunAsync(
            new ProducerArgs(context.Dispatcher.Grpc, "latency", fleet.WorkspacePrefix, fleet.Count, events, rate, acksFile),
            context.LogDirectory, context.Settings.PhaseTimeout);
        bool complete = await PhaseWait.AllArrivedAsync(phase, context.Settings.PhaseTimeout);
        context.Receiver.Begin(null);
        long[] acks = MemoryMarshal.Cast<byte, long>(await File.ReadAllBytesAsync(acksFile)).ToArray();
        long[] receipts = phase.ReceiptMicros.ToArray();
        long[] publishToReceipt = phase.PublishToReceiptMicros.ToArray();
        var ackToReceipt = new List<long>(events);
        for (int seq = 0; seq < events && seq < acks.Length; seq++)
        {
            if (receipts[seq] > 0 && acks[seq] > 0)
            {
                ackToReceipt.Add(Math.Max(0, receipts[seq] - acks[seq]));
            }
        }
        long[] ackSorted = [.. ackToReceipt.Order()];
        long[] publishSorted = [.. publishToReceipt.Where((_, seq) => receipts[seq] > 0).Order()];
        static double Ms(long micros) => micros / 1000.0;
        return (new LatencyResult(rate, events, phase.Unique,
            Ms(Stats.Percentile(ackSorted, 50)), Ms(Stats.Percentile(ackSorted, 99)), Ms(Stats.Percentile(ackSorted, 99.9)),
            Ms(Stats.Percentile(publishSorted, 50)), Ms(Stats.Percentile(publishSorted, 99)), Ms(Stats.Percentile(publishSorted, 99.9)),
            producer.PublishToAckP50Ms, producer.PublishToAckP99Ms, complete), phase);
    }
}
