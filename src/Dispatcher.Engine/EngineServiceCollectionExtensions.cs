using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Trust;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Attempts;
using Dispatcher.Engine.Claims;
using Dispatcher.Engine.Configuration;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Engine.Holds;
using Dispatcher.Engine.Instances;
using Dispatcher.Engine.Leases;
using Dispatcher.Engine.Lifecycle;
using Dispatcher.Engine.Limiter;
using Dispatcher.Engine.Notifications;
using Dispatcher.Engine.Processing;
using Dispatcher.Engine.Pumps;
using Dispatcher.Engine.Rules;
using Dispatcher.Engine.Sending;
using Dispatcher.Engine.Signals;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Redis;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Leases;
using Dispatcher.Redis.Membership;
using Dispatcher.Redis.Notifications;
using Dispatcher.Redis.Schedule;
using Dispatcher.Redis.Stats;
using Dispatcher.Redis.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Engine;

/// <summary>Registers the delivery engine and starts its lease supervisor with the host.</summary>
public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The host provides <see cref="DeliveryOptions"/>, <see cref="PartitionOptions"/> and
    /// <see cref="SecretHoldOptions"/>, an <see cref="IConnectionMultiplexer"/> with its
    /// <see cref="RedisKeys"/>, an <see cref="ISecretProtector"/>, the endpoint trust
    /// (<see cref="TrustedConnector"/>, <see cref="CertificateTrust"/>) and an <see cref="IEventUrls"/>;
    /// other transports than HTTP register as <see cref="IDeliveryTransport"/>.
    /// </summary>
    public static IServiceCollection AddDeliveryEngine(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<InstanceIdentity>();
        services.TryAddSingleton<ExitCode>();
        services.AddSingleton(sp => new PartitionMap(sp.GetRequiredService<IOptions<PartitionOptions>>().Value.Count));
        services.AddSingleton<PartitionSignals>();

        services.TryAddSingleton<NotificationLogStore>();
        services.TryAddSingleton<WebhookStore>();
        services.AddSingleton(sp =>
        {
            var delivery = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value;
            // Optional: a host that does not say how long bodies live gets the default.
            var bodies = sp.GetService<IOptions<EventRetentionOptions>>()?.Value ?? new EventRetentionOptions();
            return new DeliveryLogLimits(delivery.LogEntries, delivery.LogRetention) { FailedRetention = bodies.Bodies };
        });
        services.TryAddSingleton<ScheduleStore>();
        services.TryAddSingleton<LeaseStore>();
        services.TryAddSingleton<RedisLayout>();
        services.TryAddSingleton<MembershipStore>();
        services.AddSingleton<DeliveryLogStore>();
        services.AddSingleton<WebhookStatsReader>();
        services.TryAddSingleton<IWorkspaceHolds, NoWorkspaceHolds>();

        services.AddSingleton(sp => new OutboundHttpOptions
        {
            RequestTimeout = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.RequestTimeout,
        });
        // One handler for every delivery: pooled connections are shared across all endpoints.
        services.AddSingleton(sp => new HttpMessageInvoker(OutboundHandlerFactory.Create(sp.GetRequiredService<OutboundHttpOptions>(),
            sp.GetRequiredService<TrustedConnector>(), sp.GetRequiredService<CertificateTrust>())));
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<DeliveryTransport>();
        services.AddSingleton<WebhookRules>();
        services.AddSingleton<DeliveryAttempt>();
        services.AddSingleton(sp =>
        {
            var delivery = sp.GetRequiredService<IOptions<DeliveryOptions>>().Value;
            // Every sender of an endpoint may wait for a token; none beyond that exist.
            return new EndpointRateLimiter(new RateLimitSettings(delivery.RatePerSecond, delivery.Burst), delivery.ConcurrencyPerEndpoint);
        });

        services.AddSingleton<DispatcherMetrics>();
        services.AddSingleton<LeaseTelemetry>();
        services.AddSingleton<BacklogReader>();
        services.AddSingleton<WebhookStatusNotifier>();
        services.AddSingleton<EndpointHolds>();
        services.AddSingleton<HoldRelay>();
        services.AddSingleton<WebhookLifecycle>();
        services.AddSingleton<UnreadableSecretHolds>();
        services.AddSingleton<DeliveryLogEntries>();
        services.AddSingleton<SettleBatcher>();
        services.AddSingleton<WebhookCache>();
        services.AddSingleton<DirectClaims>();
        services.AddSingleton<Dispatcher.Redis.Ingest.IDirectClaims>(sp => sp.GetRequiredService<DirectClaims>());
        services.AddSingleton<Enqueuer>();
        services.AddSingleton<Replayer>();
        services.AddSingleton<DeliveryEngineEntries>();
        services.AddSingleton<ExpiredDeliveryRecorder>();
        services.AddSingleton<DeliveryProcessor>();
        services.AddSingleton<PartitionLeaseSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<PartitionLeaseSupervisor>());
        services.AddHostedService<CrossInstanceWakeups>();
        services.AddHostedService(sp => sp.GetRequiredService<HoldRelay>());
        return services;
    }
}
