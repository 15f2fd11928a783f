using Dispatcher.Redis.Directory;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Workspaces;
using Microsoft.AspNetCore.Authorization;

namespace Dispatcher.Server.Api.Scopes;

/// <summary>Decides <see cref="ScopeRequirement"/>; a refusal carries the reason the 403 answer states.</summary>
public sealed class ScopeAuthorizationHandler(WorkspaceDirectory directory) : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (context.Resource is not HttpContext http || context.User.FindFirst(ApiKeyAuthenticationHandler.ScopeClaim)?.Value is not { } scope)
        {
            // Not authenticated by an API key: the "ApiKey" policy beside this one answers 401.
            return Task.CompletedTask;
        }
        bool reads = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
        string workspace = context.User.Workspace();
        if (!reads && directory.Find(workspace)?.State == WorkspaceState.Suspended)
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"WORKSPACE_SUSPENDED: workspace '{workspace}' is suspended; its keys may only read (GET) until an operator resumes it"));
        }
        else if (!reads && scope != KeyScopes.Write)
        {
            context.Fail(new AuthorizationFailureReason(this,
                $"INSUFFICIENT_SCOPE: this key has scope '{scope}', which allows GET requests only; {http.Request.Method} needs a key with scope 'write'"));
        }
        else
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
