using Dispatcher.Redis;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Secrets;

/// <summary>Data Protection with its key ring in Redis, so every instance can read what any other stored.</summary>
public static partial class SecretProtectionSetup
{
    /// <summary>The fixed application name: instances with the same name share keys; changing it orphans every stored secret.</summary>
    public const string ApplicationName = "Dispatcher";

    /// <summary>The key ring's Redis key under the deployment's prefix (a list of XML key elements).</summary>
    public static RedisKey KeyRingKey(RedisKeys keys) => $"{keys.Prefix}:dataprotection-keys";

    public static IServiceCollection AddDispatcherSecrets(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var secrets = configuration.GetSection(DispatcherOptions.Section).Get<DispatcherOptions>()?.Secrets ?? new();
        var certificate = KeyRingCertificate.Load(secrets);
        services.AddSingleton(certificate);
        services.AddSingleton<IValidateOptions<DispatcherOptions>, KeyRingCertificateValidator>();
        if (certificate.Certificate is { } cert)
        {
            // Decryption is given the certificate too, so no certificate store has to hold it.
            dataProtection.ProtectKeysWithCertificate(cert).UnprotectKeysWithAnyCertificate(cert);
        }
        // Configured through options rather than PersistKeysToStackExchangeRedis(), which wants the
        // multiplexer before the container (and the key prefix from settings) exists.
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, RedisKeys>((options, redis, keys) =>
            options.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), KeyRingKey(keys)));
        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        return services;
    }

    /// <summary>At start-up: warns, naming the settings, when the key ring in Redis is not encrypted.</summary>
    public static void LogKeyRingProtection(IServiceProvider services, ILogger logger)
    {
        if (services.GetRequiredService<KeyRingCertificate>().Certificate is { } cert)
        {
            LogKeyRingEncrypted(logger, cert.Thumbprint);
            return;
        }
        LogKeyRingUnprotected(logger, KeyRingKey(services.GetRequiredService<RedisKeys>()).ToString());
    }
}
