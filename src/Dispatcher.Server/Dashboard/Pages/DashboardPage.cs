using Dispatcher.Server.Api;
using Dispatcher.Redis.Directory;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Workspaces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>A signed-in page: the session's workspace and what its scope lets the page offer.</summary>
public abstract class DashboardPage : PageModel
{
    public string Workspace => User.Workspace();

    /// <summary>Set by <see cref="NotFoundPage"/>: the page shows only that there is nothing here.</summary>
    public bool Missing { get; private set; }

    /// <summary>A 404 that still shows the dashboard (its header, a way back), not an empty answer.</summary>
    protected IActionResult NotFoundPage()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>Only a <c>write</c> session is shown write controls; the API refuses a read session's writes anyway.</summary>
    /// A suspended workspace may only read, as its keys may.
    public bool CanWrite => User.FindFirst(ApiKeyAuthenticationHandler.ScopeClaim)?.Value == KeyScopes.Write
        && HttpContext.RequestServices.GetRequiredService<WorkspaceDirectory>().Find(Workspace)?.State != WorkspaceState.Suspended;
}
