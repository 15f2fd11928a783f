using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Workspaces;

/// <summary>Owners as configuration names them (<c>Dispatcher:Workspaces:&lt;id&gt;:OwnerEmail</c>).</summary>
public sealed class ConfiguredWorkspaceOwners(IOptions<DispatcherOptions> options) : IWorkspaceOwners
{
    public ValueTask<string?> OwnerEmailAsync(string workspaceId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.Value.Workspaces.TryGetValue(workspaceId, out var workspace) ? workspace.OwnerEmail : null);
}
