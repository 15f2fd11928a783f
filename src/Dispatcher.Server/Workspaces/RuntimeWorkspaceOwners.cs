using Dispatcher.Redis.Directory;

namespace Dispatcher.Server.Workspaces;

/// <summary>
/// Owners of runtime workspaces first (a deleted one has none), then configuration's
/// (<see cref="ConfiguredWorkspaceOwners"/>).
/// </summary>
public sealed class RuntimeWorkspaceOwners(WorkspaceDirectory directory, ConfiguredWorkspaceOwners configured) : IWorkspaceOwners
{
    public ValueTask<string?> OwnerEmailAsync(string workspaceId, CancellationToken cancellationToken) =>
        directory.Find(workspaceId) is { } runtime
            ? ValueTask.FromResult(runtime.State == WorkspaceState.Deleted ? null : runtime.OwnerEmail)
            : configured.OwnerEmailAsync(workspaceId, cancellationToken);
}
