using System.Collections.Frozen;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Workspaces;

/// <summary>
/// The workspaces configuration names (through an API key, a scoped producer key or
/// <c>Dispatcher:Workspaces</c>): they always exist, and are managed in configuration, not at runtime.
/// </summary>
public sealed class ConfiguredWorkspaces(IOptions<DispatcherOptions> options)
{
    private readonly FrozenSet<string> _ids = options.Value.ApiKeys.Select(k => k.Workspace)
        .Concat(options.Value.Workspaces.Keys)
        .Concat(options.Value.ProducerKeys.SelectMany(k => k.Workspaces).Where(w => w != ProducerKeyOptions.AllWorkspaces))
        .ToFrozenSet(StringComparer.Ordinal);

    public IEnumerable<string> Ids => _ids.Order(StringComparer.Ordinal);

    public bool Contains(string workspaceId) => _ids.Contains(workspaceId);

    public string? OwnerEmail(string workspaceId) =>
        options.Value.Workspaces.TryGetValue(workspaceId, out var workspace) ? workspace.OwnerEmail : null;
}
