using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Listen;

public sealed partial class CliListenerService
{
    [LoggerMessage(EventId = LogEventIds.ListenConnected, EventName = nameof(LogEventIds.ListenConnected), Level = LogLevel.Information,
        Message = "dispatcher listen connected for webhook {WebhookId} of workspace {Workspace} (new session: {Created})")]
    private static partial void LogConnected(ILogger logger, string webhookId, string workspace, bool created);

    [LoggerMessage(EventId = LogEventIds.ListenDisconnected, EventName = nameof(LogEventIds.ListenDisconnected), Level = LogLevel.Information,
        Message = "dispatcher listen disconnected from webhook {WebhookId}; its deliveries retry until it reconnects")]
    private static partial void LogDisconnected(ILogger logger, string webhookId);
}
