using Dispatcher.Server.Api.OpenApi;
using Microsoft.AspNetCore.Authentication;

namespace Dispatcher.Server.Api.Admin;

public static class AdminRegistration
{
    public const string PolicyName = "Operator";

    /// <summary>The operator API's tag in the OpenAPI document.</summary>
    public const string Tag = "Operator";

    /// <summary>The operator API's authentication (<c>Dispatcher:OperatorKeys</c> only) and its policy.</summary>
    public static IServiceCollection AddOperatorApi(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, OperatorKeyAuthenticationHandler>(OperatorKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy =>
            policy.AddAuthenticationSchemes(OperatorKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Maps the operator API under <c>/v1/admin</c>.</summary>
    public static WebApplication MapOperatorApi(this WebApplication app)
    {
        var group = app.MapGroup("/v1/admin").RequireAuthorization(PolicyName).WithTags(Tag);
        group.AddEndpointFilter<Utf8JsonBodyFilter>();
        group.ProducesApiErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status415UnsupportedMediaType);
        group.MapWorkspaceAdmin();
        group.MapKeyAdmin();
        return app;
    }
}
