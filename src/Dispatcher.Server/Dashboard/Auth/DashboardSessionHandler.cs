using System.Security.Claims;
using System.Text.Encodings.Web;
using Dispatcher.Redis.Dashboard;
using Dispatcher.Server.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Dashboard.Auth;

/// <summary>
/// Authenticates a browser by its dashboard session cookie, for the dashboard's pages and for the REST
/// API its scripts call. It gives the same claims an API key does (workspace, scope, key identity), so
/// every API rule, scope check and limit applies unchanged. A write to the API must also carry the
/// session's CSRF token in <see cref="CsrfHeader"/>; the pages' own forms carry ASP.NET's antiforgery token.
/// A request that presents an API key is left to the key: one request, one identity.
/// </summary>
public sealed class DashboardSessionHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    DashboardSessionStore sessions,
    DashboardAccess access,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = Server.Auth.DashboardScheme.Name;
    public const string CsrfClaim = "csrf";
    public const string CsrfHeader = "X-CSRF-Token";
    public const string SignInPath = "/dashboard/sign-in";

    private readonly ILogger _log = loggers.CreateLogger(DashboardLog.Category);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers.ContainsKey("X-API-Key") || Request.Headers.ContainsKey("Authorization") ||
            !Request.Cookies.TryGetValue(DashboardCookie.Name, out string? token) || string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }
        string hash = SessionTokens.Hash(token);
        var session = await sessions.FindAsync(hash);
        if (session is null || session.ExpiresAt <= time.GetUtcNow())
        {
            return AuthenticateResult.Fail("the dashboard session has ended");
        }
        if (!access.StillStands(session))
        {
            await sessions.DeleteAsync(hash);
            DashboardLog.SessionEnded(_log, session.Workspace, "its key was revoked or its workspace deleted");
            return AuthenticateResult.Fail("the key or workspace of this dashboard session was revoked");
        }
        if (!IsDashboardPage(Request) && !IsRead(Request.Method) &&
            !SessionTokens.Same(Request.Headers[CsrfHeader].ToString(), session.CsrfToken))
        {
            return AuthenticateResult.Fail($"a dashboard session writes to the API only with its {CsrfHeader} header");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ApiKeyAuthenticationHandler.WorkspaceClaim, session.Workspace),
            new Claim(ApiKeyAuthenticationHandler.ScopeClaim, session.Scope),
            // The key's own identity (as ApiKeyIdentity makes it), so a key's send limit is shared with its sessions.
            new Claim(ApiKeyAuthenticationHandler.KeyIdClaim, session.KeyHash?[..32] ?? "portal_" + hash[..32]),
            new Claim(ClaimTypes.NameIdentifier, hash[..32]),
            new Claim(CsrfClaim, session.CsrfToken),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>Pages send the browser to sign in; the REST API's own scheme answers its 401.</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsDashboardPage(Request))
        {
            Response.Redirect(Request.PathBase + SignInPath);
        }
        return Task.CompletedTask;
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        if (IsDashboardPage(Request))
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Task.CompletedTask;
    }

    private static bool IsDashboardPage(HttpRequest request) => request.Path.StartsWithSegments("/dashboard");

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
