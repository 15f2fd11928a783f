using Dispatcher.Server.Api;
using Dispatcher.Redis.Directory;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Workspaces;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>A signed-in page: the session's workspace and what its scope lets the page offer.</summary>
public abstract class DashboardPage : PageModel
{
    public string Workspace => User.Workspace();

    /// <summary>Only a <c>write</c> session is shown write controls; the API refuses a read session's writes anyway.</summary>
    /// A suspended workspace may only read, as its keys may.
    public bool CanWrite => User.FindFirst(ApiKeyAuthenticationHandler.ScopeClaim)?.Value == KeyScopes.Write
        && HttpContext.RequestServices.GetRequiredService<WorkspaceDirectory>().Find(Workspace)?.State != WorkspaceState.Suspended;
}
