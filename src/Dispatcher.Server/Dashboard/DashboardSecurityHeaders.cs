namespace Dispatcher.Server.Dashboard;

/// <summary>
/// Headers on every dashboard response: only this server's script, style and API may be used; no page may
/// frame it (clickjacking); no address leaves in a Referer (a portal link's token is in its URL); no
/// shared cache keeps a signed-in page.
/// </summary>
public static class DashboardSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseDashboardSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/dashboard"))
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                if (!http.Request.Path.StartsWithSegments("/dashboard/assets"))
                {
                    headers.CacheControl = "no-store";
                }
            }
            return next(http);
        });
}
