using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Observability;

public sealed partial class TelemetrySampler
{
    [LoggerMessage(EventId = LogEventIds.TelemetrySampled, EventName = nameof(LogEventIds.TelemetrySampled), Level = LogLevel.Debug,
        Message = "Sampled {Partitions} partitions; Redis answered a PING in {LatencyMs:0.###} ms")]
    private static partial void LogSampled(ILogger logger, int partitions, double latencyMs);

    [LoggerMessage(EventId = LogEventIds.WebhookCensusCompleted, EventName = nameof(LogEventIds.WebhookCensusCompleted), Level = LogLevel.Debug,
        Message = "Counted {Webhooks} webhooks by status")]
    private static partial void LogCensus(ILogger logger, long webhooks);

    [LoggerMessage(EventId = LogEventIds.TelemetrySampleFailed, EventName = nameof(LogEventIds.TelemetrySampleFailed), Level = LogLevel.Debug,
        Message = "Could not sample Redis ({Error}); gauges keep their last values")]
    private static partial void LogSampleFailed(ILogger logger, string error);
}
