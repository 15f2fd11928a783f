using Dispatcher.Core.Logging;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>The webhook API's log lines (event ids 5300–5399). Ids and workspaces only: never a secret or key.</summary>
public static partial class WebhookApiLog
{
    public const string Category = "Dispatcher.Server.Api.Webhooks";

    [LoggerMessage(EventId = LogEventIds.WebhookCreated, EventName = nameof(LogEventIds.WebhookCreated), Level = LogLevel.Information,
        Message = "Webhook {WebhookId} created in workspace {Workspace}")]
    public static partial void WebhookCreated(ILogger logger, string webhookId, string workspace);

    [LoggerMessage(EventId = LogEventIds.WebhookLimitReached, EventName = nameof(LogEventIds.WebhookLimitReached), Level = LogLevel.Information,
        Message = "Workspace {Workspace} is at its limit of {Limit} webhooks; create refused")]
    public static partial void WebhookLimitReached(ILogger logger, string workspace, int limit);

    [LoggerMessage(EventId = LogEventIds.WebhookSecretRotated, EventName = nameof(LogEventIds.WebhookSecretRotated), Level = LogLevel.Information,
        Message = "Webhook {WebhookId} in workspace {Workspace} has a new secret; the previous one signs until {PreviousUntil:O}")]
    public static partial void SecretRotated(ILogger logger, string webhookId, string workspace, DateTimeOffset previousUntil);

    [LoggerMessage(EventId = LogEventIds.WebhookUpdated, EventName = nameof(LogEventIds.WebhookUpdated), Level = LogLevel.Information,
        Message = "Webhook {WebhookId} in workspace {Workspace} changed: {Changes}")]
    public static partial void WebhookUpdated(ILogger logger, string webhookId, string workspace, string changes);

    [LoggerMessage(EventId = LogEventIds.TestEventQueued, EventName = nameof(LogEventIds.TestEventQueued), Level = LogLevel.Information,
        Message = "Test event {EventId} queued for webhook {WebhookId}")]
    public static partial void TestEventQueued(ILogger logger, string eventId, string webhookId);

    [LoggerMessage(EventId = LogEventIds.TestEventFailed, EventName = nameof(LogEventIds.TestEventFailed), Level = LogLevel.Warning,
        Message = "Webhook {WebhookId} was created but its test event could not be queued")]
    public static partial void TestEventFailed(ILogger logger, string webhookId, Exception exception);
}
