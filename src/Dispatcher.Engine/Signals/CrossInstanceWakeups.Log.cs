using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Signals;

public sealed partial class CrossInstanceWakeups
{
    [LoggerMessage(EventId = LogEventIds.WakeupSubscribeFailed, EventName = nameof(LogEventIds.WakeupSubscribeFailed), Level = LogLevel.Warning,
        Message = "Could not subscribe to cross-instance wake-ups; retrying in 1 s (other instances' ingest waits for the idle poll meanwhile)")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = LogEventIds.WakeupAnnounceFailed, EventName = nameof(LogEventIds.WakeupAnnounceFailed), Level = LogLevel.Debug,
        Message = "Could not announce new work to the other instances; their idle poll will find it")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);
}
