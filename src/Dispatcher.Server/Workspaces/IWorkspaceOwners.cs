namespace Dispatcher.Server.Workspaces;

/// <summary>Who owns a workspace, for owner notifications: configuration's workspaces and those created at runtime.</summary>
public interface IWorkspaceOwners
{
    /// <summary>The owner's email address, or null when the workspace has none (or does not exist).</summary>
    ValueTask<string?> OwnerEmailAsync(string workspaceId, CancellationToken cancellationToken);
}
