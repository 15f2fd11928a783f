using System.Text.Json.Serialization;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>The <c>data</c> of a <c>webhook.test</c> event.</summary>
public sealed record TestEventData(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("webhook_id")] string WebhookId);
