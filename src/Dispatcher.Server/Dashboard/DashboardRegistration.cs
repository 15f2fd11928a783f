using Dispatcher.Redis.Dashboard;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Dashboard.Auth;
using Dispatcher.Server.Dashboard.PortalLinks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Dashboard;

public static class DashboardRegistration
{
    public const string PolicyName = "Dashboard";

    /// <summary>
    /// Sessions, portal links and the session scheme (always: the API's policies name it), and the Razor
    /// Pages under <c>Dashboard/Pages</c>, each of which requires a session unless it says otherwise.
    /// </summary>
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardSessionStore>();
        services.AddSingleton<PortalLinkStore>();
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardSignIn>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, DashboardSessionHandler>(DashboardSessionHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy =>
            policy.AddAuthenticationSchemes(DashboardSessionHandler.SchemeName).RequireAuthenticatedUser());
        services.AddRazorPages(pages =>
            {
                pages.RootDirectory = "/Dashboard/Pages";
                pages.Conventions.AuthorizeFolder("/", PolicyName);
            })
            // Named, not found by MVC's entry-assembly discovery: a host (the tests', a future
            // single-binary) may start the server from another assembly.
            .AddApplicationPart(typeof(DashboardRegistration).Assembly);
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "dispatcher_antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            antiforgery.Cookie.Path = "/dashboard";
        });
        return services;
    }

    /// <summary>The operator's portal-link call, and the pages and their assets unless <c>Dispatcher:Dashboard:Enabled</c> is false.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        app.MapPortalLinks();
        if (!app.Services.GetRequiredService<IOptions<DispatcherOptions>>().Value.Dashboard.Enabled)
        {
            return app;
        }
        app.MapDashboardAssets();
        app.MapRazorPages();
        return app;
    }
}
