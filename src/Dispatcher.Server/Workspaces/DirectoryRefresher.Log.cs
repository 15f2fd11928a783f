using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Workspaces;

public sealed partial class DirectoryRefresher
{
    [LoggerMessage(EventId = LogEventIds.DirectoryReloaded, EventName = nameof(LogEventIds.DirectoryReloaded), Level = LogLevel.Debug,
        Message = "Runtime workspaces and keys reloaded at version {Version}")]
    private static partial void LogReloaded(ILogger logger, long version);

    [LoggerMessage(EventId = LogEventIds.DirectoryReloadFailed, EventName = nameof(LogEventIds.DirectoryReloadFailed), Level = LogLevel.Warning,
        Message = "Cannot read the runtime workspaces and keys from Redis; the last copy stays in use and reading is retried every half second")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = LogEventIds.DirectorySubscribeFailed, EventName = nameof(LogEventIds.DirectorySubscribeFailed), Level = LogLevel.Warning,
        Message = "Cannot subscribe to runtime key changes; retrying (changes still arrive within half a second by polling)")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
