namespace Dispatcher.LoadTest.Producing;

/// <summary>
/// One phase published by several producer processes at once, producer <c>i</c> into
/// <c>grpc[i]</c> with shard <c>i</c> of the seqs: as a load balancer spreads producers over
/// instances. Their reports are combined into one (first publish, last ack, summed outcomes).
/// </summary>
public static class ShardedProducers
{
    public static async Task<ProducerReport> RunAsync(
        IReadOnlyList<Uri> grpc, string phase, string workspacePrefix, int endpoints, int count, string logDirectory, TimeSpan timeout)
    {
        var reports = await Task.WhenAll(grpc.Select((address, i) => ProducerRun.RunAsync(
            new ProducerArgs(address, phase, workspacePrefix, endpoints, count, 0, null, i, grpc.Count),
            logDirectory, timeout, suffix: grpc.Count > 1 ? $"-{i}" : "")));
        // Percentiles of the parts cannot be merged exactly; the worst part's is the honest bound.
        return new ProducerReport(
            reports.Sum(r => r.Accepted), reports.Sum(r => r.Duplicate), reports.Sum(r => r.Rejected), reports.Sum(r => r.Failed),
            reports.Min(r => r.FirstPublishMicros), reports.Max(r => r.LastAckMicros),
            reports.Max(r => r.PublishToAckP50Ms), reports.Max(r => r.PublishToAckP99Ms));
    }
}
