using Dispatcher.Redis.Directory;

namespace Dispatcher.Server.Api.Admin;

/// <summary>One workspace as the operator API shows it.</summary>
/// <param name="Source"><c>runtime</c> (the operator API's) or <c>configuration</c>.</param>
/// <param name="State"><c>active</c>, <c>suspended</c> or, in a delete's answer, <c>deleted</c>.</param>
public sealed record WorkspaceResponse(
    string Id, string Source, string State, string? OwnerEmail, int MaxWebhooks, DateTimeOffset? CreatedAt)
{
    public static WorkspaceResponse From(RuntimeWorkspace workspace, int maxWebhooks) =>
        new(workspace.Id, "runtime", workspace.State.ToString().ToLowerInvariant(), workspace.OwnerEmail, maxWebhooks, workspace.CreatedAt);
}
