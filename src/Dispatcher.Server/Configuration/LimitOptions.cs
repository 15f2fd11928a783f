namespace Dispatcher.Server.Configuration;

/// <summary>Per-workspace limits (<c>Dispatcher:Limits</c>).</summary>
public sealed class LimitOptions
{
    /// <summary>Webhooks one workspace may have. Default 20; 1 to 100,000.</summary>
    public int WebhooksPerWorkspace { get; set; } = 20;

    /// <summary>
    /// Overrides of <see cref="WebhooksPerWorkspace"/> by workspace id
    /// (<c>Dispatcher:Limits:Workspaces:ws_big=100</c>). Default none.
    /// </summary>
    public Dictionary<string, int> Workspaces { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Calls one API key may make to <c>POST …/test</c>, <c>…/replay</c> and <c>…/recover</c> together
    /// per <see cref="SendWindow"/>, counted in Redis so the limit holds across instances; one more
    /// answers 429 with Retry-After. Default 60; 1 to 100,000.
    /// </summary>
    public int SendCallsPerWindow { get; set; } = 60;

    /// <summary>The window of <see cref="SendCallsPerWindow"/>, from the key's first call. Default 1 minute; 1 second to 1 day.</summary>
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The webhook limit of <paramref name="workspaceId"/>.</summary>
    public int WebhooksFor(string workspaceId) =>
        Workspaces.TryGetValue(workspaceId, out int limit) ? limit : WebhooksPerWorkspace;
}
