using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Email;

public sealed partial class OwnerEmailChannel
{
    // The owner's address is personal data: the log names the workspace, not the address.
    [LoggerMessage(EventId = LogEventIds.OwnerEmailSent, EventName = nameof(LogEventIds.OwnerEmailSent), Level = LogLevel.Information,
        Message = "Emailed the owner of workspace {WorkspaceId}: {Type} for webhook {WebhookId} (notification {Sequence})")]
    private static partial void LogSent(ILogger logger, string type, string webhookId, string workspaceId, long sequence);

    [LoggerMessage(EventId = LogEventIds.OwnerEmailFailed, EventName = nameof(LogEventIds.OwnerEmailFailed), Level = LogLevel.Warning,
        Message = "Could not email notification {Sequence} of workspace {WorkspaceId} (webhook {WebhookId}) through {SmtpHost}: {ErrorType}: {Error}; it is retried later")]
    private static partial void LogFailed(ILogger logger, long sequence, string workspaceId, string webhookId, string smtpHost, string errorType, string error);

    [LoggerMessage(EventId = LogEventIds.OwnerEmailWithoutOwner, EventName = nameof(LogEventIds.OwnerEmailWithoutOwner), Level = LogLevel.Debug,
        Message = "Notification {Sequence} of workspace {WorkspaceId} (webhook {WebhookId}) is not emailed: the workspace has no owner email")]
    private static partial void LogWithoutOwner(ILogger logger, long sequence, string workspaceId, string webhookId);
}
