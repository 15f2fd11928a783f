using Dispatcher.Core.Webhooks;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>A webhook as the API shows it. The secret appears only in the answer to create.</summary>
public sealed record WebhookResponse(string Id, string Endpoint, IReadOnlyList<string> Events, DateTime CreatedAt, string? Secret)
{
    public static WebhookResponse From(Webhook webhook, bool includeSecret = false) =>
        new(webhook.Id, webhook.Endpoint.OriginalString, webhook.Events, webhook.CreatedAt.UtcDateTime, includeSecret ? webhook.Secret : null);
}
