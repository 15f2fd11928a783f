using Dispatcher.Core.Webhooks;
using StackExchange.Redis;

namespace Dispatcher.Redis.Webhooks;

/// <summary>How a webhook is laid out in its Redis hash: one field per property, readable in redis-cli.</summary>
internal static class WebhookRecord
{
    public static HashEntry[] ToHash(Webhook webhook) =>
    [
        new("id", webhook.Id),
        new("ws", webhook.WorkspaceId),
        new("endpoint", webhook.Endpoint.OriginalString),
        new("events", string.Join(',', webhook.Events)),
        new("secret", webhook.Secret),
        new("created", webhook.CreatedAt.ToUnixTimeMilliseconds()),
    ];

    public static Webhook FromHash(HashEntry[] entries)
    {
        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value);
        return new Webhook(
            Id: fields["id"]!,
            WorkspaceId: fields["ws"]!,
            Endpoint: new Uri(fields["endpoint"]!),
            Events: ((string)fields["events"]!).Split(',', StringSplitOptions.RemoveEmptyEntries),
            Secret: fields["secret"]!,
            CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds((long)fields["created"]));
    }
}
