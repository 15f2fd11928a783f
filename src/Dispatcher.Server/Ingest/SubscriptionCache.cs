using System.Collections.Concurrent;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Webhooks;

namespace Dispatcher.Server.Ingest;

/// <summary>
/// Each workspace's webhooks as ingest last read them, kept with the workspace's subscription
/// version. A request costs one pipelined GET per workspace; the webhooks are read again only when
/// a create, PATCH or delete (on any instance) has bumped the version. Reading every workspace's
/// webhooks on every request was what bounded end-to-end throughput (bench/results/README.md).
/// </summary>
public sealed partial class SubscriptionCache(WebhookStore webhooks, ILogger<SubscriptionCache> logger)
{
    /// <summary>Workspaces remembered at most; past it the cache starts over rather than grow without bound.</summary>
    private const int MaxWorkspaces = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Webhooks skipped for an unreadable secret and already logged, so each is logged once, not per read.</summary>
    private readonly ConcurrentDictionary<string, byte> _skipped = new(StringComparer.Ordinal);

    public async Task<Dictionary<string, IReadOnlyList<Webhook>>> LoadAsync(IEnumerable<string> workspaceIds)
    {
        var distinct = workspaceIds.Distinct(StringComparer.Ordinal).ToList();
        var versions = await webhooks.VersionsAsync(distinct);
        var result = new Dictionary<string, IReadOnlyList<Webhook>>(distinct.Count, StringComparer.Ordinal);
        var stale = new List<(string Workspace, long Version)>();
        for (int i = 0; i < distinct.Count; i++)
        {
            if (_entries.TryGetValue(distinct[i], out var entry) && entry.Version == versions[i])
            {
                result[distinct[i]] = entry.Webhooks;
            }
            else
            {
                stale.Add((distinct[i], versions[i]));
            }
        }
        if (stale.Count > 0)
        {
            if (_entries.Count + stale.Count > MaxWorkspaces)
            {
                _entries.Clear();
            }
            // The version was read before the webhooks: a write in between leaves an older version
            // beside newer webhooks, which the next request simply reads again. Never the reverse.
            var lists = await Task.WhenAll(stale.Select(s => webhooks.ListAsync(s.Workspace)));
            for (int i = 0; i < stale.Count; i++)
            {
                var usable = Usable(lists[i]);
                _entries[stale[i].Workspace] = new Entry(stale[i].Version, usable);
                result[stale[i].Workspace] = usable;
            }
        }
        return result;
    }

    /// <summary>
    /// The webhooks events may fan out to: one whose secret cannot be decrypted is left out (and
    /// logged once) rather than failing the whole batch of its workspace.
    /// </summary>
    private IReadOnlyList<Webhook> Usable(IReadOnlyList<Webhook> listed)
    {
        if (_skipped.Count >= MaxWorkspaces)
        {
            _skipped.Clear();
        }
        List<Webhook>? usable = null;
        for (int i = 0; i < listed.Count; i++)
        {
            var webhook = listed[i];
            if (!webhook.SecretUnreadable)
            {
                _skipped.TryRemove(webhook.Id, out _);
                usable?.Add(webhook);
                continue;
            }
            usable ??= [.. listed.Take(i)];
            if (_skipped.TryAdd(webhook.Id, 0))
            {
                LogSkipped(logger, webhook.Id, webhook.WorkspaceId);
            }
        }
        return usable ?? listed;
    }

    private sealed record Entry(long Version, IReadOnlyList<Webhook> Webhooks);
}
