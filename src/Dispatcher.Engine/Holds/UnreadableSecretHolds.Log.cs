using Dispatcher.Core.Logging;

namespace Dispatcher.Engine.Holds;

public sealed partial class UnreadableSecretHolds
{
    [LoggerMessage(EventId = LogEventIds.WebhookSecretUnreadable, EventName = nameof(LogEventIds.WebhookSecretUnreadable), Level = LogLevel.Warning,
        Message = "The signing secret of webhook {WebhookId} (workspace {Workspace}) cannot be decrypted (Data Protection key missing or field corrupt); " +
            "its deliveries are held until {Until:O} and then checked again. Restore the key ring or rotate the secret")]
    private static partial void LogHeld(ILogger logger, string webhookId, string workspace, DateTimeOffset until);

    [LoggerMessage(EventId = LogEventIds.WebhookSecretStillUnreadable, EventName = nameof(LogEventIds.WebhookSecretStillUnreadable), Level = LogLevel.Debug,
        Message = "The signing secret of webhook {WebhookId} is still unreadable; its deliveries are held until {Until:O}")]
    private static partial void LogStillHeld(ILogger logger, string webhookId, DateTimeOffset until);

    [LoggerMessage(EventId = LogEventIds.WebhookSecretReadableAgain, EventName = nameof(LogEventIds.WebhookSecretReadableAgain), Level = LogLevel.Information,
        Message = "The signing secret of webhook {WebhookId} (workspace {Workspace}) is readable again; its deliveries resume")]
    private static partial void LogReadableAgain(ILogger logger, string webhookId, string workspace);

    [LoggerMessage(EventId = LogEventIds.WebhookSecretHoldReleased, EventName = nameof(LogEventIds.WebhookSecretHoldReleased), Level = LogLevel.Information,
        Message = "Webhook {WebhookId} (workspace {Workspace}) had an unreadable secret and was rotated; {Released} held deliveries are due now")]
    private static partial void LogReleased(ILogger logger, string webhookId, string workspace, int released);
}
