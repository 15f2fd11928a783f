namespace Dispatcher.Engine.Holds;

/// <summary>
/// Which workspaces may not be delivered for right now (an operator suspended them). The host that
/// knows its workspaces provides it; without one, no workspace is held.
/// </summary>
public interface IWorkspaceHolds
{
    bool IsHeld(string workspaceId);
}
