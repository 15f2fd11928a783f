using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Ingest;

public sealed partial class IngestPipeline
{
    [LoggerMessage(EventId = LogEventIds.IngestReplicasBehind, EventName = nameof(LogEventIds.IngestReplicasBehind), Level = LogLevel.Warning,
        Message = "Only {Confirmed} of the {Required} replicas required (Dispatcher:Ingest:WaitForReplicas) confirmed a request of {Events} events within {TimeoutMs} ms; it was not acknowledged and the producer re-sends it")]
    private static partial void LogReplicasBehind(ILogger logger, long confirmed, int required, int events, double timeoutMs);
}
