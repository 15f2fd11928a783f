using Dispatcher.Redis;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Store;

public static class StoreRegistration
{
    /// <summary>
    /// Redis at <c>ConnectionStrings:Redis</c>, or, when none is configured, an embedded Garnet started
    /// here (the two-command start): the multiplexer, the deployment's key prefix and what start-up logs.
    /// </summary>
    public static WebApplicationBuilder AddRedisStore(this WebApplicationBuilder builder)
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
        // Kept whole (TLS callbacks, password) for a connection of its own that ingest may open (IngestConnection).
        builder.Services.AddSingleton(redisOptions);
        builder.Services.AddSingleton(sp => new RedisKeys(sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Redis.KeyPrefix));
        builder.Services.AddSingleton(new RedisTarget(embedded is null ? "Redis" : "embedded Garnet", address, embedded?.DataPath));
        return builder;
    }

    /// <summary>Registered as an instance, the container would not dispose the embedded store: it stops with the host.</summary>
    public static WebApplication StopEmbeddedStoreWithHost(this WebApplication app)
    {
        if (app.Services.GetService<EmbeddedGarnet>() is { } embedded)
        {
            app.Lifetime.ApplicationStopped.Register(embedded.Dispose);
        }
        return app;
    }
}
