using Dispatcher.Redis;
using Dispatcher.Redis.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Dispatcher.Server.Secrets;

/// <summary>Data Protection with its key ring in Redis, so every instance can read what any other stored.</summary>
public static class SecretProtectionSetup
{
    /// <summary>The fixed application name: instances with the same name share keys; changing it orphans every stored secret.</summary>
    public const string ApplicationName = "Dispatcher";

    /// <summary>The key ring's Redis key under the deployment's prefix (a list of XML key elements).</summary>
    public static RedisKey KeyRingKey(RedisKeys keys) => $"{keys.Prefix}:dataprotection-keys";

    public static IServiceCollection AddDispatcherSecrets(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName(ApplicationName);
        // Configured through options rather than PersistKeysToStackExchangeRedis(), which wants the
        // multiplexer before the container (and the key prefix from settings) exists.
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, RedisKeys>((options, redis, keys) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), KeyRingKey(keys)));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<UnreadableSecretHolds>();
        return services;
    }
}
