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
    public bool IsSubscribedTo(string eventType) => Events.Contains(eventType, StringComparer.Ordinal);
}
