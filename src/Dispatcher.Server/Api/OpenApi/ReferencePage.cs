using System.Reflection;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// The browsable reference at <c>/openapi</c>: a small page of ours that renders the document, with
/// its script and style served from this assembly. Not a bundled third-party viewer: those carry
/// addresses of their own services (fonts, proxies, registries) that nothing here could vouch the
/// browser never calls. The Content-Security-Policy makes the browser refuse anything not from this server.
/// </summary>
public static class ReferencePage
{
    public const string Path = "/openapi";

    /// <summary>Everything the page may load comes from the server itself; no inline script or style.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly (string Route, string Resource, string ContentType)[] Files =
    [
        (Path, "reference.html", "text/html; charset=utf-8"),
        (Path + "/reference.js", "reference.js", "text/javascript; charset=utf-8"),
        (Path + "/reference.css", "reference.css", "text/css; charset=utf-8"),
    ];

    public static void MapReferencePage(this IEndpointRouteBuilder routes)
    {
        foreach (var (route, resource, contentType) in Files)
        {
            byte[] content = Read(resource);
            routes.MapGet(route, (HttpContext http) =>
                {
                    http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    return Results.Bytes(content, contentType);
                })
                .AllowAnonymous()
                .ExcludeFromDescription();
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Dispatcher.Server.OpenApi." + name)
            ?? throw new InvalidOperationException($"the reference page's {name} is not embedded in the server");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
