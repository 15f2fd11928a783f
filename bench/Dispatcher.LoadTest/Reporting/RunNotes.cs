using Dispatcher.LoadTest.Peers;
using Dispatcher.LoadTest.Receiving;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>The notes under a report: how the run differed from the letter, and why.</summary>
public static class RunNotes
{
    public static void Add(HarnessSettings settings, List<string> notes, List<PeerResult> peers, LoadReceiver receiver)
    {
        if (settings.Scale < 1)
        {
            notes.Add($"Reduced scale: --scale {settings.Scale} of the issue's counts (endpoints and events); not the full run.");
        }
        if (settings.Quick)
        {
            notes.Add("Quick mode: every scenario scaled down to prove the harness; the figures are not comparable with a full run.");
        }
        notes.Add($"Burst: the backlog is built with the {settings.BurstEndpoints} endpoints disabled (so INFO memory sees all of it queued), then released at once by enabling them.");
        notes.Add($"Backlog: {settings.BacklogEvents:N0} deliveries ({settings.BacklogEndpoints} endpoints × {settings.BacklogPerEndpoint:N0}) built as the burst's, endpoints disabled; the Redis figure is used_memory once queued less before (the run's other data, e.g. the ingest scenario's queued deliveries and the delivery logs, is in the total, not in the backlog's share); the drain is compared with endpoints × 50/s.");
        notes.Add("Throughput with appendfsync always: scenario 1 again on the same Redis, switched with CONFIG SET for the phase and back after; the server has no setting of its own for it (docs/durability.md: the mode is the Redis it is given; WaitForReplicas stays 0, no replicas here).");
        if (settings.RunInstances)
        {
            notes.Add("Instances: scenario 1's load by three producer processes, first all into the one instance, then one into each of three instances on the same Redis (the two new ones warmed first); same run, back to back, after the cross-instance phase's second instance was killed and its leases expired.");
        }
        notes.Add("Ingest: its endpoints are disabled, so the figure is ingest alone; in scenario 1 ingest shares the cores with delivery.");
        notes.Add("Latency: ack → receipt is clamped at 0 (a delivery can arrive before its ack is back at the producer); publish → receipt includes the ack.");
        notes.Add("Cross-instance: a second Dispatcher (same settings, same Redis) runs beside the first on the same cores; events go to the first only, and each receipt counts as same- or cross-instance by which instance held its endpoint's partition.");
        foreach (var peer in peers.Where(p => p.Skipped is null && p.Events != settings.ThroughputEvents))
        {
            notes.Add($"Peer {peer.Name} ran N={peer.Events:N0} (scenario 1: {settings.ThroughputEvents:N0}) over the same {peer.Endpoints:N0} endpoints: scaled down for time; its rate is steady over N, so the ratio stands.");
        }
        notes.Add("Peers get no per-endpoint rate limit; Dispatcher holds every endpoint to 50/s + burst 10.");
        if (peers.Any(p => p.Name == HangfirePeer.Name && p.Skipped is null))
        {
            notes.Add("Hangfire ran with 64 thread-pool threads from the start (DOTNET_ThreadPool_ForceMinWorkerThreads): its synchronous Redis calls otherwise timed out on two cores.");
        }
        if (receiver.OutOfPhase > 0)
        {
            notes.Add($"{receiver.OutOfPhase} requests reached the receiver between phases (late duplicates or stragglers).");
        }
    }
}
