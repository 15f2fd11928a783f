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

    /// <summary>The webhook limit of <paramref name="workspaceId"/>.</summary>
    public int WebhooksFor(string workspaceId) =>
        Workspaces.TryGetValue(workspaceId, out int limit) ? limit : WebhooksPerWorkspace;
}
