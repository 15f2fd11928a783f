using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Notifications;

public sealed partial class NotificationHub
{
    [LoggerMessage(EventId = LogEventIds.NotificationSubscribeFailed, EventName = nameof(LogEventIds.NotificationSubscribeFailed), Level = LogLevel.Warning,
        Message = "Could not subscribe to webhook notifications yet")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
