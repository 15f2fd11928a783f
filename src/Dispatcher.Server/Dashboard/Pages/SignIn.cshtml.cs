using Dispatcher.Server.Dashboard.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>Signs in with an API key, posted in the form body (never in the URL).</summary>
[AllowAnonymous]
public sealed class SignInModel(DashboardSignIn signIn) : PageModel
{
    public bool Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync([FromForm] string? key)
    {
        if (await signIn.WithKeyAsync(HttpContext, key?.Trim()))
        {
            return Redirect("/dashboard");
        }
        Refused = true;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
