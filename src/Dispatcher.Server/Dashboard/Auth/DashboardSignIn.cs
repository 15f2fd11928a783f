using Dispatcher.Redis.Dashboard;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Dashboard.Auth;

/// <summary>
/// Opens and closes dashboard sessions: with an API key, with a portal link (redeemed once), and mints
/// those links for the operator API. A session is a Redis record named by the SHA-256 of the cookie's
/// token; the key itself is never stored, put in the cookie, a URL or a page.
/// </summary>
public sealed class DashboardSignIn(
    DashboardSessionStore sessions, PortalLinkStore links, DashboardAccess access,
    IOptions<DispatcherOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(DashboardLog.Category);

    /// <summary>False (and nothing opened) for a key that does not work for the REST API or is a publish key.</summary>
    public async Task<bool> WithKeyAsync(HttpContext http, string? key)
    {
        if (access.ForKey(key) is not { } grant)
        {
            DashboardLog.SignInRefused(_logger, "the key is not a working read or write key");
            return false;
        }
        await OpenAsync(http, grant, "API key").ConfigureAwait(false);
        return true;
    }

    /// <summary>The link behind <paramref name="token"/> if it can still be used; it stays usable.</summary>
    public async Task<PortalLink?> PeekAsync(string? token) =>
        string.IsNullOrEmpty(token) ? null : Usable(await links.PeekAsync(SessionTokens.Hash(token)).ConfigureAwait(false));

    /// <summary>Uses the link up (whatever happens next) and opens its session; false for an unknown, used or expired link.</summary>
    public async Task<bool> WithLinkAsync(HttpContext http, string? token)
    {
        var link = string.IsNullOrEmpty(token) ? null : Usable(await links.RedeemAsync(SessionTokens.Hash(token)).ConfigureAwait(false));
        if (link is null)
        {
            DashboardLog.SignInRefused(_logger, "the portal link is unknown, used or expired");
            return false;
        }
        await OpenAsync(http, new DashboardGrant(link.Workspace, link.Scope, null), "portal link").ConfigureAwait(false);
        return true;
    }

    /// <summary>A new link's token (shown once, to the operator) and when it stops working.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> MintLinkAsync(string workspace, string scope, TimeSpan lifetime)
    {
        string token = SessionTokens.New();
        var expiresAt = time.GetUtcNow() + lifetime;
        await links.CreateAsync(SessionTokens.Hash(token), new PortalLink(workspace, scope, expiresAt)).ConfigureAwait(false);
        DashboardLog.PortalLinkMinted(_logger, workspace, scope, expiresAt);
        return (token, expiresAt);
    }

    public async Task SignOutAsync(HttpContext http)
    {
        if (http.Request.Cookies.TryGetValue(DashboardCookie.Name, out string? token) && !string.IsNullOrEmpty(token))
        {
            await sessions.DeleteAsync(SessionTokens.Hash(token)).ConfigureAwait(false);
        }
        DashboardCookie.Delete(http);
    }

    private PortalLink? Usable(PortalLink? link) =>
        link is not null && link.ExpiresAt > time.GetUtcNow() && access.Exists(link.Workspace) ? link : null;

    private async Task OpenAsync(HttpContext http, DashboardGrant grant, string method)
    {
        string token = SessionTokens.New();
        var now = time.GetUtcNow();
        var session = new DashboardSession(grant.Workspace, grant.Scope, grant.KeyHash, SessionTokens.New(), now, now + options.Value.Dashboard.SessionLifetime);
        await sessions.CreateAsync(SessionTokens.Hash(token), session).ConfigureAwait(false);
        DashboardCookie.Write(http, token, session.ExpiresAt);
        DashboardLog.SignedIn(_logger, grant.Workspace, grant.Scope, method);
    }
}
