using Dispatcher.Server.Aggregation;
using Dispatcher.Server.Api;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Dashboard;
using Dispatcher.Server.Email;
using Dispatcher.Server.Health;
using Dispatcher.Server.Ingest;
using Dispatcher.Server.Listen;
using Dispatcher.Server.Notifications;
using Dispatcher.Server.Observability;
using Dispatcher.Server.Secrets;
using Dispatcher.Server.Store;
using Dispatcher.Server.Trust;
using Dispatcher.Server.Workspaces;
using Dispatcher.Server.Api.Admin;
using Dispatcher.Server.Api.Scopes;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Hosting;

/// <summary>Builds the Dispatcher server. <c>Program</c> runs it; functional tests start it on port 0.</summary>
public static partial class DispatcherHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        // Its "No XML encryptor configured" warning says what our KeyRingUnprotected line says, without
        // naming the setting that fixes it: one line per fact on the start-up screen.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);

        var endpoints = new ServerEndpoints();
        builder.Services.AddSingleton(endpoints);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Configure(context.Configuration.GetSection("Kestrel"))
                .Endpoint("Http", e => endpoints.HttpListen = e.ListenOptions)
                .Endpoint("Grpc", e => endpoints.GrpcListen = e.ListenOptions));

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddDispatcherOptions();
        builder.AddRedisStore();
        builder.Services.AddDispatcherSecrets(builder.Configuration);
        builder.Services.AddEndpointTrust();
        builder.Services.AddHostedEngine();
        builder.Services.AddProducerKeys();
        builder.Services.AddIngest();
        builder.Services.AddClickAggregation();
        builder.Services.AddWebhookNotifications();
        builder.Services.AddOwnerEmail();
        builder.Services.AddCliListen();
        builder.Services.AddRestApi();
        builder.Services.AddRuntimeWorkspaces();
        builder.Services.AddKeyScopes();
        builder.Services.AddOperatorApi();
        builder.Services.AddDashboard();
        builder.Services.AddDispatcherHealth();
        builder.AddDispatcherTelemetry();
        builder.Services.AddApiContract();

        var app = builder.Build();
        app.StopEmbeddedStoreWithHost();
        app.UseDashboardSecurityHeaders();
        app.MapRestApi();
        app.MapOperatorApi();
        app.MapGrpcService<EventIngestService>();
        app.MapGrpcService<WebhookNotificationService>();
        app.MapGrpcService<CliListenerService>();
        app.MapDispatcherHealth();
        app.MapDispatcherTelemetry();
        app.MapApiContract();
        app.MapDashboard();
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
    }

    private static void LogStarted(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Dispatcher.Server");
        var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
        var target = app.Services.GetRequiredService<RedisTarget>();
        var options = app.Services.GetRequiredService<IOptions<DispatcherOptions>>().Value;
        LogListening(logger, endpoints.Http, endpoints.Grpc);
        if (target.DataPath is not null)
        {
            LogEmbeddedStore(logger, target.ConnectionString, target.DataPath);
        }
        else
        {
            LogRedis(logger, target.ConnectionString);
        }
        SecretProtectionSetup.LogKeyRingProtection(app.Services, logger);
        if (options.SampleKeys)
        {
            LogSampleKeys(logger, app.Environment.EnvironmentName);
        }
    }
}
