namespace Dispatcher.Core.Webhooks;

/// <summary>A customer endpoint subscribed to some of its workspace's events.</summary>
/// <param name="Secret">The signing secret; never logged, never returned after create.</param>
public sealed record Webhook(
    string Id,
    string WorkspaceId,
    Uri Endpoint,
    IReadOnlyList<string> Events,
    string Secret,
    DateTimeOffset CreatedAt)
{
    public WebhookStatus Status { get; init; } = WebhookStatus.Enabled;

    /// <summary>Why the webhook is failing or disabled; null when enabled.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Deliveries in a row that failed their whole schedule; any 2xx resets it.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>The webhook's own rate limit; null uses the deployment's.</summary>
    public RateLimitSettings? RateLimit { get; init; }

    /// <summary>The webhook's own retry delays in seconds; null uses the deployment's.</summary>
    public IReadOnlyList<int>? RetrySchedule { get; init; }

    public bool IsSubscribedTo(string eventType) => Events.Contains(eventType, StringComparer.Ordinal);
}
