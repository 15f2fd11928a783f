using Dispatcher.Server.Api.OpenApi;

namespace Dispatcher.Server.Api;

public static class ApiRouteGroups
{
    /// <summary>
    /// A group of customer API routes: API-key authentication, the key's scope (<c>read</c> keys GET
    /// only, 403 otherwise), and request bodies in UTF-8 only.
    /// </summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup(prefix).RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName, Scopes.ScopeRequirement.PolicyName);
        group.AddEndpointFilter<Utf8JsonBodyFilter>();
        group.ProducesApiErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status415UnsupportedMediaType);
        // INSUFFICIENT_SCOPE (a read key) and WORKSPACE_SUSPENDED: GETs are always let through.
        group.ProducesApiErrorsOnWrites(StatusCodes.Status403Forbidden);
        return group;
    }

    /// <summary>
    /// Maps <paramref name="map"/>'s routes under <c>/v1/webhooks</c><paramref name="suffix"/> and, as
    /// snip.sa and AWSYS.CO clients call it, <c>/api/webhooks</c><paramref name="suffix"/>.
    /// </summary>
    public static void MapUnderWebhooks(this IEndpointRouteBuilder routes, string suffix, Action<RouteGroupBuilder> map)
    {
        map(routes.MapApiGroup("/v1/webhooks" + suffix));
        var alias = routes.MapApiGroup("/api/webhooks" + suffix);
        ((IEndpointConventionBuilder)alias).Finally(ApiPathAlias.Apply);
        map(alias);
    }
}
