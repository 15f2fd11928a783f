using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Aggregation;

public sealed partial class WindowCloser
{
    [LoggerMessage(EventId = LogEventIds.AggregateEmitted, EventName = nameof(LogEventIds.AggregateEmitted), Level = LogLevel.Information,
        Message = "Emitted {EventId} for workspace {Workspace}: {Clicks} clicks on {Links} links to {Endpoints} endpoints")]
    private static partial void LogEmitted(ILogger logger, string eventId, string workspace, long clicks, int links, int endpoints);

    [LoggerMessage(EventId = LogEventIds.AggregateAlreadyEmitted, EventName = nameof(LogEventIds.AggregateAlreadyEmitted), Level = LogLevel.Debug,
        Message = "{EventId} of workspace {Workspace} was already emitted (another instance, or before a crash); clearing its window")]
    private static partial void LogAlreadyEmitted(ILogger logger, string eventId, string workspace);

    [LoggerMessage(EventId = LogEventIds.AggregateWithoutSubscribers, EventName = nameof(LogEventIds.AggregateWithoutSubscribers), Level = LogLevel.Debug,
        Message = "Window {EventId} of workspace {Workspace} closed with {Clicks} clicks but no webhook subscribes to the aggregate any more; dropped")]
    private static partial void LogNoSubscribers(ILogger logger, string eventId, string workspace, long clicks);

    [LoggerMessage(EventId = LogEventIds.AggregationPass, EventName = nameof(LogEventIds.AggregationPass), Level = LogLevel.Debug,
        Message = "Closed {Windows} click windows ending by {Cutoff:O}")]
    private static partial void LogPass(ILogger logger, int windows, DateTimeOffset cutoff);

    [LoggerMessage(EventId = LogEventIds.AggregationFailed, EventName = nameof(LogEventIds.AggregationFailed), Level = LogLevel.Warning,
        Message = "Could not close the click windows of workspace {Workspace}; they stay open and are retried")]
    private static partial void LogFailed(ILogger logger, string workspace, Exception exception);

    [LoggerMessage(EventId = LogEventIds.AggregationPassFailed, EventName = nameof(LogEventIds.AggregationPassFailed), Level = LogLevel.Warning,
        Message = "Could not look for click windows to close; retrying in {Delay}")]
    private static partial void LogPassFailed(ILogger logger, TimeSpan delay, Exception exception);
}
