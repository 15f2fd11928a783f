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

    /// <summary>
    /// When <see cref="Status"/> last changed (or the webhook was created); null on records written
    /// before the time was kept.
    /// </summary>
    public DateTimeOffset? StatusChangedAt { get; init; }

    /// <summary>Deliveries in a row that failed their whole schedule; any 2xx resets it.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>The webhook's own rate limit; null uses the deployment's.</summary>
    public RateLimitSettings? RateLimit { get; init; }

    /// <summary>The webhook's own retry delays in seconds; null uses the deployment's.</summary>
    public IReadOnlyList<int>? RetrySchedule { get; init; }

    /// <summary>
    /// The wire format (profile name, e.g. <c>cd4cd</c>, <c>standard-webhooks</c>) the webhook was
    /// created with; resolved at create time so a later change of the deployment's default never
    /// changes what an existing receiver gets. Null only on records written before formats existed.
    /// </summary>
    public string? Format { get; init; }

    /// <summary>The secret replaced by the last rotation; still signs until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? PreviousSecret { get; init; }

    /// <summary>When <see cref="PreviousSecret"/> stops signing.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; init; }

    /// <summary>
    /// True when the stored signing secret could not be decrypted (its Data Protection key is gone,
    /// or the field is corrupt): <see cref="Secret"/> is empty, and nothing may be signed until the
    /// key is back or the secret is rotated. The rest of the record still lists and routes. Also true
    /// when the <see cref="Headers"/> cannot be decrypted (sending without them would only fail at the
    /// receiver) until a PATCH writes them again.
    /// </summary>
    public bool SecretUnreadable { get; init; }

    /// <summary>
    /// Static headers the receiver asked for (e.g. an <c>Authorization</c>), sent on every attempt in
    /// this order after the format's own. Their values are credentials: stored encrypted, never
    /// logged, never shown again (see <see cref="Profiles.ReservedHeaders"/> for the names they cannot take).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The secrets that sign a delivery sent at <paramref name="now"/>: the current one first.</summary>
    /// <exception cref="InvalidOperationException">The secret is unreadable: signing with an empty key would let anyone forge deliveries.</exception>
    public IReadOnlyList<string> LiveSecrets(DateTimeOffset now) =>
        SecretUnreadable ? throw new InvalidOperationException($"webhook {Id} has an unreadable secret and must not be signed for")
        : PreviousSecret is { } previous && PreviousSecretExpiresAt is { } until && now < until
            ? [Secret, previous]
            : [Secret];

    /// <param name="eventType">A catalogue name (what producers publish); subscriptions are kept in catalogue names.</param>
    public bool IsSubscribedTo(string eventType) => Events.Contains(eventType, StringComparer.Ordinal);
}
