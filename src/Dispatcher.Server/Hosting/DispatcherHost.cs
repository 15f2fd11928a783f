using Dispatcher.Engine;
using Dispatcher.Engine.Attempts;
using Dispatcher.Engine.Configuration;
using Dispatcher.Engine.Holds;
using Dispatcher.Redis;
using Dispatcher.Redis.Events;
using Dispatcher.Redis.Ingest;
using Dispatcher.Server.Aggregation;
using Dispatcher.Server.Api.Deliveries;
using Dispatcher.Server.Api.Events;
using Dispatcher.Server.Api.Limits;
using Dispatcher.Server.Api.Webhooks;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Embedded;
using Dispatcher.Server.Health;
using Dispatcher.Server.Ingest;
using Dispatcher.Server.Listen;
using Dispatcher.Server.Notifications;
using Dispatcher.Server.Observability;
using Dispatcher.Server.Secrets;
using Dispatcher.Server.Trust;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

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

        builder.Services.AddOptions<DispatcherOptions>().BindConfiguration(DispatcherOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DispatcherOptions>, DispatcherOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        AddRedis(builder);
        AddDelivery(builder.Services);

        builder.Services.AddDispatcherSecrets(builder.Configuration);
        builder.Services.AddSendLimits();
        builder.Services.AddSingleton<WebhookTestEventSender>();
        builder.Services.AddSingleton<IngestStore>();
        builder.Services.AddSingleton<EventStore>();
        builder.Services.AddSingleton<SubscriptionCache>();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddClickAggregation();
        builder.AddDispatcherTelemetry();
        builder.Services.AddSingleton<NotificationHub>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationHub>());
        builder.Services.AddGrpc(o => o.Interceptors.Add<ProducerKeyInterceptor>());
        builder.Services.AddIngestLimits();
        builder.Services.AddDispatcherHealth();
        builder.Services.AddSingleton<ProducerKeyInterceptor>();
        builder.Services.AddCliListen();

        // No default scheme: only the REST endpoints (policy "ApiKey") look at API keys; gRPC has its own.
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(ApiKeyAuthenticationHandler.SchemeName, policy =>
            policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

        var app = builder.Build();
        if (app.Services.GetService<EmbeddedGarnet>() is { } embedded)
        {
            // Registered as an instance, so the container would not dispose it: stop it with the host.
            app.Lifetime.ApplicationStopped.Register(embedded.Dispose);
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<EventIngestService>();
        app.MapGrpcService<WebhookNotificationService>();
        app.MapGrpcService<CliListenerService>();
        app.MapWebhooks();
        app.MapDeliveries();
        app.MapEvents();
        app.MapDispatcherHealth();
        app.MapDispatcherTelemetry();
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
    }

    private static void AddRedis(WebApplicationBuilder builder)
    {
        string? connectionString = builder.Configuration.GetConnectionString("Redis");
        EmbeddedGarnet? embedded = null;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var store = builder.Configuration.GetSection(DispatcherOptions.Section).Get<DispatcherOptions>()?.EmbeddedStore ?? new();
            embedded = EmbeddedGarnet.Start(store.DataPath, store.Port);
            connectionString = embedded.ConnectionString;
            builder.Services.AddSingleton(embedded);
        }
        var redisOptions = ConfigurationOptions.Parse(connectionString);
        // Logged at start-up: the password never leaves the configuration.
        string address = redisOptions.ToString(includePassword: false);
        // Start even while Redis is down: ingest answers Unavailable and pumps retry until it is back.
        redisOptions.AbortOnConnectFail = false;
        redisOptions.AsyncTimeout = Math.Min(redisOptions.AsyncTimeout, 5000);
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redisOptions));
        builder.Services.AddSingleton(sp => new RedisKeys(sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Redis.KeyPrefix));
        builder.Services.AddSingleton(new RedisTarget(embedded is null ? "Redis" : "embedded Garnet", address, embedded?.DataPath));
    }

    /// <summary>The engine, with its settings taken from the <c>Dispatcher</c> section and the host's seams.</summary>
    private static void AddDelivery(IServiceCollection services)
    {
        services.AddSingleton<IOptions<DeliveryOptions>>(sp => Options.Create(sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Delivery));
        services.AddSingleton<IOptions<PartitionOptions>>(sp => Options.Create(sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Partitions));
        services.AddSingleton<IOptions<SecretHoldOptions>>(sp => Options.Create(new SecretHoldOptions
        {
            UnreadableRecheck = sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Secrets.UnreadableRecheck,
        }));
        services.AddSingleton<IEventUrls, EventUrls>();
        services.AddEndpointTrust();
        services.AddDeliveryEngine();
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

    [LoggerMessage(EventId = 1, EventName = "Listening", Level = LogLevel.Information,
        Message = "Dispatcher is up: REST API on {Http}, gRPC ingest on {Grpc}; Ctrl+C stops it")]
    private static partial void LogListening(ILogger logger, Uri http, Uri grpc);

    [LoggerMessage(EventId = 2, EventName = "EmbeddedStore", Level = LogLevel.Warning,
        Message = "No ConnectionStrings:Redis configured: using the embedded Garnet store on {Address}, append-only log in {DataPath}. Set ConnectionStrings__Redis=host:port for production.")]
    private static partial void LogEmbeddedStore(ILogger logger, string address, string dataPath);

    [LoggerMessage(EventId = 3, EventName = "RedisStore", Level = LogLevel.Information, Message = "Using Redis at {Address}")]
    private static partial void LogRedis(ILogger logger, string address);

    [LoggerMessage(EventId = 4, EventName = "SampleKeys", Level = LogLevel.Warning,
        Message = "{Environment} environment: the API and producer keys are the public samples from appsettings.Development.json (API key 'dev_api_key' for workspace 'ws_demo', producer key 'dev_producer_key'). Never use them outside development.")]
    private static partial void LogSampleKeys(ILogger logger, string environment);
}
