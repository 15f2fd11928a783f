using Dispatcher.Engine.Instances;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis;
using Dispatcher.Redis.Listen;
using Google.Protobuf;
using StackExchange.Redis;

namespace Dispatcher.Server.Listen;

/// <summary>
/// Carries <c>dispatcher listen</c> attempts between instances: the instance delivering a session's
/// partition publishes each attempt on the channel of the instance holding the session's stream
/// (<see cref="ListenRegistry"/>), and that one publishes the CLI's report back on the sender's
/// channel (<see cref="ListenRelayInbox"/> receives both).
/// Pub/sub is at-most-once: a lost message ends as the attempt's timeout, the delivery is retried on
/// its schedule, and the CLI's DeliveredCache answers the repeat without a second local POST; so
/// delivery stays at-least-once and the local endpoint still sees each event once.
/// </summary>
public sealed partial class ListenRelay(
    IConnectionMultiplexer redis, RedisKeys keys, ListenRegistry registry, InstanceIdentity instance, ILogger<ListenRelay> logger)
{
    public string InstanceId => instance.Id;

    /// <summary>
    /// Records this instance as the session's holder while the returned registration lives (the CLI's
    /// stream is open here); <paramref name="streamingHere"/> tells, when it ends, whether a newer stream
    /// of the session opened here meanwhile (the entry is then kept).
    /// </summary>
    public Task<ListenRegistration> HoldAsync(string webhookId, Func<bool> streamingHere) =>
        ListenRegistration.StartAsync(registry, webhookId, InstanceId, streamingHere, logger);

    /// <summary>
    /// Publishes the attempt to the instance holding the session's stream; false when no other
    /// instance holds it (no CLI connected anywhere) or Redis did not answer.
    /// </summary>
    public async Task<bool> SendAsync(string webhookId, ForwardedDelivery delivery)
    {
        try
        {
            string? holder = await registry.HolderAsync(webhookId).ConfigureAwait(false);
            // Naming this instance with no stream here: a stale entry (its release failed); it expires.
            if (holder is null || holder == InstanceId)
            {
                return false;
            }
            // The receiver count is not checked: on Redis Cluster it counts one node's subscribers only.
            await redis.GetSubscriber().PublishAsync(keys.ListenDeliveries(holder),
                new RelayedDelivery(InstanceId, webhookId, delivery).Encode()).ConfigureAwait(false);
            LogRelayed(logger, delivery.DeliveryId, webhookId, holder);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRelayFailed(logger, delivery.DeliveryId, webhookId, ex);
            return false;
        }
    }

    /// <summary>Publishes the CLI's report to the instance waiting for it; false when Redis did not answer.</summary>
    public async Task<bool> ReportAsync(string replyTo, DeliveryReport report)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(keys.ListenReports(replyTo), report.ToByteArray()).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogReportRelayFailed(logger, report.WebhookId, replyTo, ex);
            return false;
        }
    }
}
