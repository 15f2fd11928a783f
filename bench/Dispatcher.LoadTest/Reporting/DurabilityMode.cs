namespace Dispatcher.LoadTest.Reporting;

/// <summary>
/// The durability mode a figure was measured in, in docs/durability.md's terms: the harness's own
/// redis-server with AOF on and the given <c>appendfsync</c>, no replicas, and the server's
/// <c>Dispatcher__Ingest__WaitForReplicas</c> at its default 0 (the harness sets no durability
/// setting of the server: the mode is the Redis it is pointed at).
/// </summary>
public sealed record DurabilityMode(string Store, string AppendFsync, int WaitForReplicas, string Promise)
{
    public static DurabilityMode RedisAof(string appendFsync) => new(
        "redis-server, appendonly yes",
        appendFsync,
        0,
        appendFsync == "always"
            ? "an ack survives a kill of Dispatcher or Redis and a machine crash (Redis fsyncs before it answers); not a failover"
            : "an ack survives a kill of Dispatcher or Redis; a machine crash can lose about the last 2 s; not a failover");

    /// <summary>One line for a report: <c>Redis AOF appendfsync everysec, WaitForReplicas 0</c>.</summary>
    public override string ToString() => $"Redis AOF (appendonly yes, appendfsync {AppendFsync}), WaitForReplicas {WaitForReplicas}";
}
