namespace Dispatcher.Server.Dashboard.Auth;

/// <summary>
/// The session cookie: an opaque token naming a session in Redis. HttpOnly (no script reads it),
/// SameSite=Strict (no other site's page sends it), Secure over HTTPS, and path <c>/</c> because the
/// dashboard's scripts call the REST API under <c>/v1</c> with it.
/// </summary>
public static class DashboardCookie
{
    public const string Name = "dispatcher_dashboard";

    public static void Write(HttpContext http, string token, DateTimeOffset expires) =>
        http.Response.Cookies.Append(Name, token, Options(http, expires));

    public static void Delete(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, null));

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
