namespace Dispatcher.Server.Configuration;

/// <summary>Limits on what producers send.</summary>
public sealed class IngestOptions
{
    /// <summary>Largest <c>data</c> accepted, in bytes. Default 256 KiB.</summary>
    public int MaxEventBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Most events in one PublishRequest; a longer one gets every event rejected (TOO_MANY_EVENTS).
    /// Default 1,000 (the SDK sends at most 500).
    /// </summary>
    public int MaxEventsPerRequest { get; set; } = 1000;

    /// <summary>
    /// The ingest stream's gRPC receive limit: the largest PublishRequest, in bytes, a producer may
    /// send; a larger one ends the call with RESOURCE_EXHAUSTED. It bounds the memory one request can
    /// take, so it is not derived from the per-event limits (a thousand 256 KiB events would be 257 MB).
    /// Must hold at least one event of <see cref="MaxEventBytes"/>. Default 16 MiB; the SDK batches
    /// under 4 MiB.
    /// </summary>
    public int MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long (workspace, id) is remembered for dedupe; event bodies live as long. Default 7 days (CD4CD's).</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How many replicas must hold a request's writes (Redis <c>WAIT</c>) before its events are
    /// acknowledged; 0 (the default) acknowledges once the primary answered. When fewer replicas
    /// confirm within <see cref="WaitForReplicasTimeout"/>, the request is refused as retryable
    /// (the stream ends with UNAVAILABLE; the SDK re-sends, dedupe makes that safe). 0–16.
    /// </summary>
    public int WaitForReplicas { get; set; }

    /// <summary>How long a request waits for <see cref="WaitForReplicas"/> replicas. Default 1 s; 10 ms–60 s.</summary>
    public TimeSpan WaitForReplicasTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
