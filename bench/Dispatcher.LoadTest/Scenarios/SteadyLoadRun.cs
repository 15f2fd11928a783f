using Dispatcher.LoadTest.Producing;
using Dispatcher.LoadTest.Receiving;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>What a <see cref="SteadyLoad"/> recorded: the arrivals, the producer's report, and each seq's ack and first receipt (Unix µs, 0: none).</summary>
public sealed record SteadyLoadRun(ArrivalPhase Phase, ProducerReport Producer, long[] AckMicros, long[] ReceiptMicros, bool Complete)
{
    /// <summary>
    /// The seqs both acknowledged and received, each with its ack → receipt time in µs, clamped at 0:
    /// a delivery can arrive before its ack is back at the producer.
    /// </summary>
    public IEnumerable<(int Seq, long Micros)> AckToReceipt()
    {
        for (int seq = 0; seq < ReceiptMicros.Length && seq < AckMicros.Length; seq++)
        {
            if (ReceiptMicros[seq] > 0 && AckMicros[seq] > 0)
            {
                yield return (seq, Math.Max(0, ReceiptMicros[seq] - AckMicros[seq]));
            }
        }
    }
}
