using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Rules;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// A webhook as the API shows it, its events in its format's names. The secret appears only in the
/// answer to create (and rotate).
/// </summary>
public sealed record WebhookResponse(
    string Id,
    string Endpoint,
    string Format,
    IReadOnlyList<string> Events,
    DateTime CreatedAt,
    string Status,
    string? StatusReason,
    RateLimitSettings? RateLimit,
    IReadOnlyList<int>? RetrySchedule,
    string? Secret)
{
    /// <summary>The status shown, whatever the stored one, while the signing secret cannot be decrypted.</summary>
    public const string SecretUnreadableStatus = "secret_unreadable";

    private const string SecretUnreadableReason =
        "the signing secret or the custom headers cannot be decrypted (lost Data Protection key or corrupt record); deliveries are held: rotate the secret to resume (PATCH the headers when it is they)";

    public static WebhookResponse From(Webhook webhook, bool includeSecret = false)
    {
        var profile = WebhookRules.ProfileOf(webhook);
        return new(
            webhook.Id,
            webhook.Endpoint.OriginalString,
            profile.Name,
            webhook.Events.Select(profile.EventName).ToList(),
            webhook.CreatedAt.UtcDateTime,
            webhook.SecretUnreadable ? SecretUnreadableStatus : webhook.Status.ToString().ToLowerInvariant(),
            webhook.SecretUnreadable ? SecretUnreadableReason : webhook.StatusReason,
            webhook.RateLimit,
            webhook.RetrySchedule,
            includeSecret ? webhook.Secret : null)
        {
            StatusChangedAt = webhook.StatusChangedAt?.UtcDateTime,
            PreviousSecretExpiresAt = webhook.PreviousSecretExpiresAt?.UtcDateTime,
            Headers = webhook.Headers.Count == 0 ? null : CustomHeaderRedaction.Of(webhook.Headers),
        };
    }

    /// <summary>
    /// When the status last changed (enabled, failing, disabled), or the webhook was created: what
    /// "since when" reads. Absent on webhooks whose status last changed before the time was kept.
    /// </summary>
    public DateTime? StatusChangedAt { get; init; }

    /// <summary>The webhook's custom headers by name, each value <c>[redacted]</c>; absent when it has none.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>After a rotation: when the previous secret stops signing. Absent before any rotation.</summary>
    public DateTime? PreviousSecretExpiresAt { get; init; }

    /// <summary>A disabled webhook with queued events: when the first of them expires (is dropped unsent).</summary>
    public DateTime? QueueExpiresAt { get; init; }

    /// <summary>What needs the customer's attention, e.g. queued events about to expire; absent when nothing does.</summary>
    public string? Warning { get; init; }
}
