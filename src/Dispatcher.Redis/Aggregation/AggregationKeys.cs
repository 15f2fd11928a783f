using StackExchange.Redis;

namespace Dispatcher.Redis.Aggregation;

/// <summary>
/// Keys of the click aggregation. Everything one workspace's scripts touch shares the hash tag
/// <c>{agg:W}</c>, so counting and closing stay atomic on Redis Cluster too; only the index of
/// workspaces with open windows is global (it is touched by plain commands, never by a script).
/// </summary>
public sealed class AggregationKeys(RedisKeys keys)
{
    /// <summary>Set when a click event has been counted; guards the increment against retries.</summary>
    public RedisKey Counted(string workspaceId, string eventId) => $"{Tag(workspaceId)}:n:{eventId}";

    /// <summary>The workspace's windows holding clicks not yet emitted: sorted set of window starts (ms).</summary>
    public RedisKey Open(string workspaceId) => $"{Tag(workspaceId)}:open";

    /// <summary>The end (ms) of the latest closed window: no click is counted before it.</summary>
    public RedisKey ClosedThrough(string workspaceId) => $"{Tag(workspaceId)}:closed";

    /// <summary>One window's counts: hash of link key to clicks.</summary>
    public RedisKey Window(string workspaceId, long startMs) => WindowBase(workspaceId) + startMs;

    /// <summary>The window keys' common start; the count script appends the window start itself.</summary>
    public string WindowBase(string workspaceId) => $"{Tag(workspaceId)}:win:";

    /// <summary>Workspaces that may have open windows (set), so the closer need not scan keys.</summary>
    public RedisKey Workspaces => $"{keys.Prefix}:agg:workspaces";

    private string Tag(string workspaceId) => $"{keys.Prefix}:{{agg:{KeyPart.Encode(workspaceId)}}}";
}
