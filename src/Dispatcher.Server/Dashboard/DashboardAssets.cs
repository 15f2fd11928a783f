using System.Reflection;

namespace Dispatcher.Server.Dashboard;

/// <summary>
/// The dashboard's one stylesheet and one script, served from this assembly at <c>/dashboard/assets/</c>.
/// Nothing comes from a CDN or a font service: the pages' Content-Security-Policy allows this server only.
/// </summary>
public static class DashboardAssets
{
    public const string Prefix = "/dashboard/assets/";

    private static readonly (string Name, string ContentType)[] Files =
    [
        ("dashboard.css", "text/css; charset=utf-8"),
        ("dashboard.js", "text/javascript; charset=utf-8"),
    ];

    public static void MapDashboardAssets(this IEndpointRouteBuilder routes)
    {
        foreach (var (name, contentType) in Files)
        {
            byte[] content = Read(name);
            routes.MapGet(Prefix + name, (HttpContext http) =>
                {
                    http.Response.Headers.XContentTypeOptions = "nosniff";
                    http.Response.Headers.CacheControl = "no-cache";
                    return Results.Bytes(content, contentType);
                })
                .AllowAnonymous()
                .ExcludeFromDescription();
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Dispatcher.Server.Dashboard." + name)
            ?? throw new InvalidOperationException($"the dashboard's {name} is not embedded in the server");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
