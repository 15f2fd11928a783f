using Dispatcher.Redis.Events;
using Dispatcher.Server.Api.Deliveries;
using Dispatcher.Server.Api.Events;
using Dispatcher.Server.Api.Limits;
using Dispatcher.Server.Api.Stats;
using Dispatcher.Server.Api.Webhooks;
using Microsoft.AspNetCore.Authentication;

namespace Dispatcher.Server.Api;

public static class ApiRegistration
{
    /// <summary>The customer REST API: API-key authentication, the per-key send limit, webhooks, deliveries and events.</summary>
    public static IServiceCollection AddRestApi(this IServiceCollection services)
    {
        // No default scheme: only the REST endpoints (policy "ApiKey") look at API keys, and at the
        // dashboard's session cookie (its pages' scripts call this API); gRPC has its own.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiKeyAuthenticationHandler.SchemeName, policy =>
            policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName, Auth.DashboardScheme.Name)
                .RequireAuthenticatedUser());
        services.AddSendLimits();
        services.AddSingleton<EndpointUrlRules>();
        services.AddSingleton<WebhookTestEventSender>();
        services.AddSingleton<EventStore>();
        services.AddDeliveryLogSearch();
        return services;
    }

    /// <summary>Maps every customer route under <c>/v1</c>.</summary>
    public static WebApplication MapRestApi(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWebhooks();
        app.MapDeliveries();
        app.MapWebhookStats();
        app.MapEvents();
        return app;
    }
}
