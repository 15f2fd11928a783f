using System.Text.Json.Serialization;

namespace Dispatcher.Server.Notifications;

/// <summary>The <c>data</c> of an owner notification event (<c>webhook.failing</c>, <c>webhook.disabled</c>, …).</summary>
public sealed record NotificationEventData(
    [property: JsonPropertyName("webhook_id")] string WebhookId,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("changed_at")] DateTimeOffset ChangedAt);
