using Dispatcher.Core.Webhooks;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>A webhook as the API shows it. The secret appears only in the answer to create.</summary>
public sealed record WebhookResponse(
    string Id,
    string Endpoint,
    IReadOnlyList<string> Events,
    DateTime CreatedAt,
    string Status,
    string? StatusReason,
    RateLimitSettings? RateLimit,
    IReadOnlyList<int>? RetrySchedule,
    string? Secret)
{
    public static WebhookResponse From(Webhook webhook, bool includeSecret = false) => new(
        webhook.Id,
        webhook.Endpoint.OriginalString,
        webhook.Events,
        webhook.CreatedAt.UtcDateTime,
        webhook.Status.ToString().ToLowerInvariant(),
        webhook.StatusReason,
        webhook.RateLimit,
        webhook.RetrySchedule,
        includeSecret ? webhook.Secret : null)
    {
        PreviousSecretExpiresAt = webhook.PreviousSecretExpiresAt?.UtcDateTime,
    };

    /// <summary>After a rotation: when the previous secret stops signing. Absent before any rotation.</summary>
    public DateTime? PreviousSecretExpiresAt { get; init; }
}
