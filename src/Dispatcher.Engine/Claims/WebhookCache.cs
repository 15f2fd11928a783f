using System.Collections.Concurrent;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Webhooks;

namespace Dispatcher.Engine.Claims;

/// <summary>
/// Webhook records as the pumps last read them, each with its workspace's version at the time:
/// a round of claims costs one pipelined GET per workspace, and a record is read again only when
/// a write to its workspace (any instance: create, PATCH, delete, status, outcome, rotation) has
/// bumped the version. Reading the webhook for every claim was an HGETALL per delivery.
/// </summary>
public sealed class WebhookCache(WebhookStore webhooks)
{
    /// <summary>Records remembered at most; past it the cache starts over rather than grow without bound.</summary>
    private const int MaxWebhooks = 100_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// The current records of <paramref name="wanted"/> (workspace, webhook id), by webhook id; a webhook
    /// that no longer exists in its workspace is absent.
    /// </summary>
    public async Task<Dictionary<string, Webhook>> GetAsync(IReadOnlyList<(string WorkspaceId, string WebhookId)> wanted)
    {
        var found = new Dictionary<string, Webhook>(wanted.Count, StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return found;
        }
        var workspaces = wanted.Select(w => w.WorkspaceId).Distinct(StringComparer.Ordinal).ToList();
        var versions = await webhooks.VersionsAsync(workspaces).ConfigureAwait(false);
        var versionOf = new Dictionary<string, long>(workspaces.Count, StringComparer.Ordinal);
        for (int i = 0; i < workspaces.Count; i++)
        {
            versionOf[workspaces[i]] = versions[i];
        }
        List<(string WorkspaceId, string WebhookId, long Version)>? stale = null;
        foreach (var (workspaceId, webhookId) in wanted)
        {
            long version = versionOf[workspaceId];
            if (_entries.TryGetValue(webhookId, out var entry) && entry.Version == version
                && string.Equals(entry.Webhook.WorkspaceId, workspaceId, StringComparison.Ordinal))
            {
                found[webhookId] = entry.Webhook;
            }
            else
            {
                (stale ??= []).Add((workspaceId, webhookId, version));
            }
        }
        if (stale is null)
        {
            return found;
        }
        if (_entries.Count + stale.Count > MaxWebhooks)
        {
            _entries.Clear();
        }
        // The version was read before the records: a write in between leaves an older version beside
        // a newer record, which the next round simply reads again. Never the reverse.
        var records = await Task.WhenAll(stale.Select(s => webhooks.GetAsync(s.WorkspaceId, s.WebhookId))).ConfigureAwait(false);
        for (int i = 0; i < stale.Count; i++)
        {
            if (records[i] is { } webhook)
            {
                _entries[stale[i].WebhookId] = new Entry(stale[i].Version, webhook);
                found[stale[i].WebhookId] = webhook;
            }
            else
            {
                _entries.TryRemove(stale[i].WebhookId, out _);
            }
        }
        return found;
    }

    private sealed record Entry(long Version, Webhook Webhook);
}
