using Microsoft.AspNetCore.Authorization;

namespace Dispatcher.Server.Api.Scopes;

public static class ScopeRegistration
{
    /// <summary>The <see cref="ScopeRequirement.PolicyName"/> policy the customer route groups require, and its 403 answers.</summary>
    public static IServiceCollection AddKeyScopes(this IServiceCollection services)
    {
        services.AddSingleton<IAuthorizationHandler, ScopeAuthorizationHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiErrorAuthorizationResultHandler>();
        services.AddAuthorizationBuilder().AddPolicy(ScopeRequirement.PolicyName, policy =>
            policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName, Auth.DashboardScheme.Name)
                .AddRequirements(new ScopeRequirement()));
        return services;
    }
}
