namespace Dispatcher.Server.Api.Webhooks;

/// <summary>The webhook API's log lines (event ids 5300–5399). Ids and workspaces only: never a secret or key.</summary>
public static partial class WebhookApiLog
{
    public const string Category = "Dispatcher.Server.Api.Webhooks";

    [LoggerMessage(EventId = 5300, EventName = "WebhookCreated", Level = LogLevel.Information,
        Message = "Webhook {WebhookId} created in workspace {Workspace}")]
    public static partial void WebhookCreated(ILogger logger, string webhookId, string workspace);

    [LoggerMessage(EventId = 5301, EventName = "WebhookLimitReached", Level = LogLevel.Information,
        Message = "Workspace {Workspace} is at its limit of {Limit} webhooks; create refused")]
    public static partial void WebhookLimitReached(ILogger logger, string workspace, int limit);

    [LoggerMessage(EventId = 5302, EventName = "WebhookSecretRotated", Level = LogLevel.Information,
        Message = "Webhook {WebhookId} in workspace {Workspace} has a new secret; the previous one signs until {PreviousUntil:O}")]
    public static partial void SecretRotated(ILogger logger, string webhookId, string workspace, DateTimeOffset previousUntil);

    [LoggerMessage(EventId = 5303, EventName = "WebhookUpdated", Level = LogLevel.Information,
        Message = "Webhook {WebhookId} in workspace {Workspace} changed: {Changes}")]
    public static partial void WebhookUpdated(ILogger logger, string webhookId, string workspace, string changes);

    [LoggerMessage(EventId = 5304, EventName = "TestEventQueued", Level = LogLevel.Information,
        Message = "Test event {EventId} queued for webhook {WebhookId}")]
    public static partial void TestEventQueued(ILogger logger, string eventId, string webhookId);

    [LoggerMessage(EventId = 5305, EventName = "TestEventFailed", Level = LogLevel.Warning,
        Message = "Webhook {WebhookId} was created but its test event could not be queued")]
    public static partial void TestEventFailed(ILogger logger, string webhookId, Exception exception);
}
