using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>What a 404 under <c>/dashboard</c> shows (re-executed here with its status kept); anonymous, since it says nothing.</summary>
[AllowAnonymous]
public sealed class NotFoundModel : PageModel
{
    public void OnGet()
    {
    }
}
