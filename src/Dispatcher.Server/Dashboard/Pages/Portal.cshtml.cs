using Dispatcher.Redis.Dashboard;
using Dispatcher.Server.Dashboard.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>
/// A portal link lands here. Opening it only shows whose link it is; "Continue" (a POST from this page)
/// uses it up. Two steps on purpose: a mail scanner that follows links cannot spend it, and the session
/// cookie (SameSite=Strict) is set by a same-site request, so the browser sends it on the next page.
/// </summary>
[AllowAnonymous]
public sealed class PortalModel(DashboardSignIn signIn) : PageModel
{
    public PortalLink? Link { get; private set; }

    public string? Token { get; private set; }

    public async Task OnGetAsync([FromQuery] string? token)
    {
        Token = token;
        Link = await signIn.PeekAsync(token);
        if (Link is null)
        {
            Response.StatusCode = StatusCodes.Status410Gone;
        }
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? token)
    {
        if (await signIn.WithLinkAsync(HttpContext, token))
        {
            return Redirect("/dashboard");
        }
        Response.StatusCode = StatusCodes.Status410Gone;
        return Page();
    }
}
