using System.Text.Json.Nodes;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Api.OpenApi;

/// <summary>
/// The HTTP routes a running server maps, read from its <see cref="EndpointDataSource"/>, as OpenAPI
/// writes them (<c>GET /v1/events/{id}</c> for <c>/v1/events/{**id}</c>), and which of them a document lacks.
/// </summary>
public static class RouteInventory
{
    /// <summary>
    /// Mapped, and not part of the REST API the document describes: the probes and the metrics scrape
    /// (for orchestrators and Prometheus, in docs/operations.md; raw request delegates the generator
    /// cannot describe), the document itself and the reference page's files (its viewer). Listed by
    /// name, not by their ExcludeFromDescription mark: a customer route given that mark must still fail here.
    /// </summary>
    /// <summary>How a route that answers every method (health checks, the scrape) is listed.</summary>
    public const string AnyMethod = "*";

    public static readonly IReadOnlySet<string> NotApi = new HashSet<string>(StringComparer.Ordinal)
    {
        "* /healthz", "* /readyz", "* /metrics", "GET /openapi/v1.json", "GET /openapi", "GET /openapi/reference.js", "GET /openapi/reference.css",
    };

    /// <summary>The dashboard's pages and files: a browser UI over this API (its writes are calls to it), not part of it.</summary>
    public const string DashboardPath = "/dashboard";

    public static IReadOnlyList<string> Mapped(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            // gRPC (ingest, notifications, listen, health) is described by protos/, not OpenAPI; so are
            // its catch-alls that answer UNIMPLEMENTED for unknown services and methods.
            .Where(e => e.Metadata.GetMetadata<GrpcMethodMetadata>() is null && !IsGrpcCatchAll(e.RoutePattern))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [AnyMethod]).Select(m => $"{m} {PathOf(e.RoutePattern)}"))
            .Where(route => !NotApi.Contains(route) && !IsDashboard(route))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> Documented(JsonObject document) =>
        (document["paths"] as JsonObject ?? [])
            .SelectMany(path => (path.Value as JsonObject ?? []).Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .ToList();

    public static IReadOnlyList<string> Missing(IReadOnlyList<string> mapped, JsonObject document) =>
        mapped.Except(Documented(document), StringComparer.Ordinal).ToList();

    private static bool IsDashboard(string route)
    {
        string path = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        return path == DashboardPath || path.StartsWith(DashboardPath + "/", StringComparison.Ordinal);
    }

    private static bool IsGrpcCatchAll(RoutePattern pattern) =>
        pattern.Parameters.Any(p => p.ParameterPolicies.Any(policy => policy.Content == "grpcunimplemented"));

    private static string PathOf(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => part.ToString(),
        }))));
}
