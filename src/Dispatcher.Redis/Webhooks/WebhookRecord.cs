using System.Globalization;
using System.Text.Json;
using Dispatcher.Core.Webhooks;
using StackExchange.Redis;

namespace Dispatcher.Redis.Webhooks;

/// <summary>How a webhook is laid out in its Redis hash: one field per property, readable in redis-cli.</summary>
internal static class WebhookRecord
{
    /// <remarks>Secrets go through <paramref name="protector"/>: the raw hash never holds one in clear.</remarks>
    public static HashEntry[] ToHash(Webhook webhook, ISecretProtector protector) =>
    [
        new("id", webhook.Id),
        new("ws", webhook.WorkspaceId),
        new("endpoint", webhook.Endpoint.OriginalString),
        new("events", string.Join(',', webhook.Events)),
        new("secret", SecretField.Write(webhook.Secret, protector)),
        new("created", webhook.CreatedAt.ToUnixTimeMilliseconds()),
        new("status", webhook.Status.ToString()),
        new("reason", webhook.StatusReason ?? ""),
        // Written at create (the status starts then) and by the scripts that change the status.
        new("status_at", (webhook.StatusChangedAt ?? webhook.CreatedAt).ToUnixTimeMilliseconds()),
        new("failures", webhook.ConsecutiveFailures),
        new("rate", webhook.RateLimit is { } rate ? $"{rate.PerSecond}/{rate.Burst}" : ""),
        // JSON, so an explicit empty schedule ("[]": one attempt, no retries) differs from none ("").
        new("retry", webhook.RetrySchedule is { } retry ? JsonSerializer.Serialize(retry) : ""),
        new("format", webhook.Format ?? ""),
        new("secret_prev", webhook.PreviousSecret is { } previous ? SecretField.Write(previous, protector) : ""),
        new("secret_prev_until", webhook.PreviousSecretExpiresAt?.ToUnixTimeMilliseconds() ?? 0),
        new("headers", CustomHeadersField.Write(webhook.Headers, protector)),
    ];

    public static Webhook FromHash(HashEntry[] entries, ISecretProtector protector)
    {
        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value);
        bool secretReadable = SecretField.TryRead(fields["secret"]!, protector, out string secret);
        // An unreadable previous secret cannot sign either; the current one alone still serves.
        string? previous = Text(fields, "secret_prev") is { } stored && SecretField.TryRead(stored, protector, out string readable) ? readable : null;
        // Records written before custom headers have no field: none. Headers that cannot be decrypted
        // hold the webhook like an unreadable secret: sending without them would fail at the receiver.
        bool headersReadable = CustomHeadersField.TryRead(Text(fields, "headers"), protector, out var headers);
        return new Webhook(
            Id: fields["id"]!,
            WorkspaceId: fields["ws"]!,
            Endpoint: new Uri(fields["endpoint"]!),
            Events: ((string)fields["events"]!).Split(',', StringSplitOptions.RemoveEmptyEntries),
            Secret: secret,
            CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds((long)fields["created"]))
        {
            Status = Enum.TryParse<WebhookStatus>(fields.GetValueOrDefault("status"), out var status) ? status : WebhookStatus.Enabled,
            StatusReason = Text(fields, "reason"),
            // Records written before the field have none: when their status last changed is unknown.
            StatusChangedAt = (long)fields.GetValueOrDefault("status_at", 0) is > 0 and var changedAt
                ? DateTimeOffset.FromUnixTimeMilliseconds(changedAt)
                : null,
            ConsecutiveFailures = (int)fields.GetValueOrDefault("failures", 0),
            RateLimit = Text(fields, "rate") is { } rate && rate.Split('/') is [var perSecond, var burst]
                ? new RateLimitSettings(int.Parse(perSecond, CultureInfo.InvariantCulture), int.Parse(burst, CultureInfo.InvariantCulture))
                : null,
            RetrySchedule = Text(fields, "retry") is { } retry ? JsonSerializer.Deserialize<int[]>(retry) : null,
            Format = Text(fields, "format"),
            SecretUnreadable = !secretReadable || !headersReadable,
            Headers = headers,
            PreviousSecret = previous,
            PreviousSecretExpiresAt = previous is not null && (long)fields.GetValueOrDefault("secret_prev_until", 0) is > 0 and var until
                ? DateTimeOffset.FromUnixTimeMilliseconds(until)
                : null,
        };
    }

    private static string? Text(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) && !value.IsNullOrEmpty ? value.ToString() : null;
}
