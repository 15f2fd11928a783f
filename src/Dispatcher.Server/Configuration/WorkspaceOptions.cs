namespace Dispatcher.Server.Configuration;

/// <summary>
/// What configuration says about one workspace beyond its keys (<c>Dispatcher:Workspaces:&lt;id&gt;</c>).
/// Workspaces created at runtime through the operator API keep the same facts in Redis.
/// </summary>
public sealed class WorkspaceOptions
{
    /// <summary>Where owner notifications go by email (a webhook failing, disabled, enabled again). Optional.</summary>
    public string? OwnerEmail { get; set; }
}
