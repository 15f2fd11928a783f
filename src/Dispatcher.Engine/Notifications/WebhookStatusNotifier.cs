using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using StackExchange.Redis;
using WebhookStatus = Dispatcher.Core.Webhooks.WebhookStatus;

namespace Dispatcher.Engine.Notifications;

/// <summary>
/// Announces a webhook's status change once its status script has appended it to the workspace's
/// notification log (the durable record): one log line for operators, and a message on a Redis
/// channel that wakes every instance's readers of that log (producers' streams, owner notifications)
/// at once. A lost message costs only a reader's poll interval: the log holds the change.
/// </summary>
public sealed partial class WebhookStatusNotifier(
    IConnectionMultiplexer redis, RedisKeys keys, DispatcherMetrics metrics, TimeProvider time, ILogger<WebhookStatusNotifier> logger)
{
    /// <param name="noteSequence">The change's entry in the workspace's notification log.</param>
    public async Task NotifyAsync(Webhook webhook, WebhookStatus status, string reason, long noteSequence)
    {
        LogStatusChanged(logger, webhook.Id, webhook.WorkspaceId, status, reason, noteSequence);
        metrics.StatusChanged(status.ToString().ToLowerInvariant());
        var notification = new WebhookNotification
        {
            WebhookId = webhook.Id,
            WorkspaceId = webhook.WorkspaceId,
            Status = status switch
            {
                WebhookStatus.Enabled => Protocol.V1.WebhookStatus.Enabled,
                WebhookStatus.Failing => Protocol.V1.WebhookStatus.Failing,
                _ => Protocol.V1.WebhookStatus.Disabled,
            },
            Reason = reason,
            At = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
            Endpoint = webhook.Endpoint.OriginalString,
        };
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel(keys), notification.ToByteArray());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogPublishFailed(logger, webhook.Id, ex);
        }
    }

    public static RedisChannel Channel(RedisKeys keys) => RedisChannel.Literal($"{keys.Prefix}:notifications");
}
