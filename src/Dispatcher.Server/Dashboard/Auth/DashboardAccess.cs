using System.Collections.Frozen;
using Dispatcher.Redis.Dashboard;
using Dispatcher.Redis.Directory;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Workspaces;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Dashboard.Auth;

/// <summary>
/// Who may sign in to the dashboard, and whether a session still stands. The same keys as the REST API
/// (<see cref="Api.ApiKeyAuthenticationHandler"/>): a configured key is <c>write</c>, a runtime key has its
/// scope, a <c>publish</c> key is refused. A session is asked again on every request, against this
/// instance's copy of the directory (refreshed within a second of any change), so revoking the key it
/// signed in with, or deleting its workspace, ends it on every instance.
/// </summary>
public sealed class DashboardAccess(IOptions<DispatcherOptions> options, WorkspaceDirectory directory, ConfiguredWorkspaces configured)
{
    private readonly FrozenDictionary<string, string> _configuredKeys = options.Value.ApiKeys
        .GroupBy(k => KeyHash.Of(k.Key), StringComparer.Ordinal)
        .ToFrozenDictionary(g => g.Key, g => g.First().Workspace, StringComparer.Ordinal);

    public DashboardGrant? ForKey(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }
        string hash = KeyHash.Of(presented);
        if (_configuredKeys.TryGetValue(hash, out string? workspace))
        {
            return Exists(workspace) ? new DashboardGrant(workspace, KeyScopes.Write, hash) : null;
        }
        return directory.FindKey(presented) is { Scope: not KeyScope.Publish } key && Exists(key.Workspace)
            ? new DashboardGrant(key.Workspace, KeyScopes.Name(key.Scope), hash)
            : null;
    }

    /// <summary>Whether portal links may be minted for <paramref name="workspace"/>, and sessions in it go on.</summary>
    public bool Exists(string workspace) =>
        configured.Contains(workspace) || directory.Find(workspace) is { State: not WorkspaceState.Deleted };

    /// <summary>True while the session's workspace exists and the key it signed in with (if any) still works.</summary>
    public bool StillStands(DashboardSession session)
    {
        if (!Exists(session.Workspace))
        {
            return false;
        }
        if (session.KeyHash is not { } hash)
        {
            return true;
        }
        return _configuredKeys.TryGetValue(hash, out string? workspace)
            ? workspace == session.Workspace
            : directory.FindKeyByHash(hash) is { } key && key.Workspace == session.Workspace;
    }
}
