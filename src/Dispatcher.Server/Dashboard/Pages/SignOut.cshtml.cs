using Dispatcher.Server.Dashboard.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>Ends the session in Redis (on every instance) and clears the cookie. POST only, with the antiforgery token.</summary>
[AllowAnonymous]
public sealed class SignOutModel(DashboardSignIn signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/dashboard");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(HttpContext);
        // This request was authenticated before the session ended: the page it renders is signed out.
        HttpContext.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        return Page();
    }
}
