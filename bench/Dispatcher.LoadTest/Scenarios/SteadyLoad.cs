using System.Runtime.InteropServices;
using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Setup;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>
/// A steady load on a fleet through Dispatcher's gRPC ingest, the producer writing each event's ack
/// time to a file: what the latency scenarios measure from.
/// </summary>
public static class SteadyLoad
{
    public static async Task<SteadyLoadRun> RunAsync(RunContext context, EndpointFleet fleet, string name, double rate, int events)
    {
        string acksFile = Path.Combine(context.LogDirectory, name + "-acks.bin");
        var phase = new ArrivalPhase(name, fleet.BaseIndex, fleet.Count, events, e => fleet.Secrets[e]);
        context.Receiver.Begin(phase);
        var producer = await ProducerRun.RunAsync(
            new ProducerArgs(context.Dispatcher.Grpc, name, fleet.WorkspacePrefix, fleet.Count, events, rate, acksFile),
            context.LogDirectory, context.Settings.PhaseTimeout);
        bool complete = await PhaseWait.AllArrivedAsync(phase, context.Settings.PhaseTimeout);
        context.Receiver.Begin(null);
        long[] acks = MemoryMarshal.Cast<byte, long>(await File.ReadAllBytesAsync(acksFile)).ToArray();
        return new SteadyLoadRun(phase, producer, acks, phase.ReceiptMicros.ToArray(), complete);
    }
}
