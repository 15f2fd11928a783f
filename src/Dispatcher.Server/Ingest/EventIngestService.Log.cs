using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Ingest;

public sealed partial class EventIngestService
{
    [LoggerMessage(EventId = LogEventIds.IngestRedisUnavailable, EventName = nameof(LogEventIds.IngestRedisUnavailable), Level = LogLevel.Warning,
        Message = "Ingest could not write to Redis; the producer's request was not acknowledged")]
    private static partial void LogRedisUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = LogEventIds.IngestRequestUndecodable, EventName = nameof(LogEventIds.IngestRequestUndecodable), Level = LogLevel.Warning,
        Message = "A producer sent bytes that are not a PublishRequest ({Reason}); its stream was ended with InvalidArgument")]
    private static partial void LogUndecodableRequest(ILogger logger, string reason);

    [LoggerMessage(EventId = LogEventIds.IngestStreamReset, EventName = nameof(LogEventIds.IngestStreamReset), Level = LogLevel.Debug,
        Message = "A producer reset its ingest stream ({Reason}); the call ended with nothing left to answer")]
    private static partial void LogStreamReset(ILogger logger, string reason);
}
