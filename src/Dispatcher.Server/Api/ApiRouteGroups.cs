namespace Dispatcher.Server.Api;

public static class ApiRouteGroups
{
    /// <summary>A group of customer API routes: API-key authentication, and request bodies in UTF-8 only.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder routes, string prefix)
    {
        var group = routes.MapGroup(prefix).RequireAuthorization(ApiKeyAuthenticationHandler.SchemeName);
        group.AddEndpointFilter<Utf8JsonBodyFilter>();
        return group;
    }
}
