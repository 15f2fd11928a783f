using Dispatcher.Redis.Directory;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Workspaces;

/// <summary>A workspace's plan limits: a runtime workspace's own, else configuration's (<c>Dispatcher:Limits</c>).</summary>
public sealed class WorkspaceLimits(WorkspaceDirectory directory, IOptions<DispatcherOptions> options)
{
    /// <summary>The webhooks (endpoints) the workspace may have.</summary>
    public int WebhooksFor(string workspaceId) =>
        directory.Find(workspaceId) is { State: not WorkspaceState.Deleted, MaxWebhooks: { } max }
            ? max
            : options.Value.Limits.WebhooksFor(workspaceId);
}
