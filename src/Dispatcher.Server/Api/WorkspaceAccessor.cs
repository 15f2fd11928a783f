using System.Security.Claims;

namespace Dispatcher.Server.Api;

/// <summary>The caller's workspace, from the claim the API key handler set.</summary>
public static class WorkspaceAccessor
{
    public static string Workspace(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthenticationHandler.WorkspaceClaim)
        ?? throw new InvalidOperationException("endpoint reached without an authenticated workspace");
}
