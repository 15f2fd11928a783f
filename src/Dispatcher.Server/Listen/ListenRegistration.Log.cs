using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Listen;

public sealed partial class ListenRegistration
{
    [LoggerMessage(EventId = LogEventIds.ListenRegistryFailed, EventName = nameof(LogEventIds.ListenRegistryFailed), Level = LogLevel.Warning,
        Message = "Could not update which instance holds listen webhook {WebhookId} in Redis; deliveries by other instances may not reach it until a refresh succeeds")]
    private static partial void LogRegistryFailed(ILogger logger, string webhookId, Exception exception);

    [LoggerMessage(EventId = LogEventIds.ListenSuperseded, EventName = nameof(LogEventIds.ListenSuperseded), Level = LogLevel.Debug,
        Message = "Listen webhook {WebhookId} has a newer stream on another instance; this one no longer receives relayed attempts")]
    private static partial void LogSuperseded(ILogger logger, string webhookId);
}
