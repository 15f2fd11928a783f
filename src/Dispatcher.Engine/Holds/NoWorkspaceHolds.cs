namespace Dispatcher.Engine.Holds;

/// <summary>The engine's default: every workspace is delivered for.</summary>
public sealed class NoWorkspaceHolds : IWorkspaceHolds
{
    public bool IsHeld(string workspaceId) => false;
}
