using Dispatcher.Core.Delivery;
using Dispatcher.Core.Retries;
using Dispatcher.Redis.Schedule;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// Sends one queued delivery — after its endpoint's token bucket allows — and settles the claim:
/// done on 2xx, re-scored at the next step of the schedule otherwise, failed when none is left.
/// </summary>
public sealed partial class DeliveryProcessor(
    DeliveryAttempt attempt,
    EndpointRateLimiter limiter,
    ScheduleStore schedule,
    PartitionSignals signals,
    IOptions<DispatcherOptions> options,
    TimeProvider time,
    ILogger<DeliveryProcessor> logger)
{
    private readonly RetrySchedule _retries = options.Value.Delivery.RetrySchedule.Count > 0
        ? RetrySchedule.FromSeconds([.. options.Value.Delivery.RetrySchedule])
        : RetrySchedule.Default;

    public async Task ProcessAsync(QueuedDelivery queued, CancellationToken stopping)
    {
        using (var lease = await limiter.AcquireAsync(queued.Webhook.Id, stopping).ConfigureAwait(false))
        {
            if (!lease.IsAcquired)
            {
                // Cannot happen while the limiter's queue fits every sender; if it does, the claim
                // simply expires and the delivery is sent later: never lost, never over the cap.
                LogNoToken(logger, queued.Webhook.Id);
                return;
            }
        }
        var result = await attempt.SendAsync(queued.Webhook, queued.Claim, stopping).ConfigureAwait(false);
        try
        {
            await SettleAsync(queued, result).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The claim stays until its deadline, then the delivery is due again: at least once.
            LogSettleFailed(logger, queued.Claim.DeliveryId, ex);
        }
        finally
        {
            signals.Notify(queued.Partition);
        }
    }

    private async Task SettleAsync(QueuedDelivery queued, DeliveryResult result)
    {
        var delivery = queued.Claim;
        int attempts = delivery.AttemptsMade + 1;
        if (result.IsSuccess)
        {
            await schedule.SettleAsync(queued.Partition, delivery, Settlement.Done).ConfigureAwait(false);
            return;
        }
        var delay = _retries.DelayAfter(attempts);
        if (delay is null)
        {
            await schedule.SettleAsync(queued.Partition, delivery, Settlement.Failed).ConfigureAwait(false);
            LogDeliveryFailed(logger, delivery.DeliveryId, delivery.WebhookId, attempts, Describe(result));
            return;
        }
        var due = time.GetUtcNow() + delay.Value;
        await schedule.SettleAsync(queued.Partition, delivery, Settlement.Retry, due).ConfigureAwait(false);
        LogRetryScheduled(logger, delivery.DeliveryId, delivery.WebhookId, attempts, Describe(result), due);
    }

    private static string Describe(DeliveryResult result) =>
        result.Kind == DeliveryResultKind.HttpStatus ? $"HTTP {result.StatusCode}" : result.Error ?? result.Kind.ToString();

    [LoggerMessage(EventId = 2002, EventName = "DeliveryFailed", Level = LogLevel.Information,
        Message = "Delivery {DeliveryId} to webhook {WebhookId} failed after {Attempts} attempts: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string deliveryId, string webhookId, int attempts, string reason);

    [LoggerMessage(EventId = 2004, EventName = "RetryScheduled", Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} to webhook {WebhookId}: attempt {Attempts} failed ({Reason}); next attempt at {Due:o}")]
    private static partial void LogRetryScheduled(ILogger logger, string deliveryId, string webhookId, int attempts, string reason, DateTimeOffset due);

    [LoggerMessage(EventId = 2005, EventName = "SettleFailed", Level = LogLevel.Warning,
        Message = "Could not record the outcome of delivery {DeliveryId}; it will be sent again after its claim expires")]
    private static partial void LogSettleFailed(ILogger logger, string deliveryId, Exception exception);

    [LoggerMessage(EventId = 2006, EventName = "NoToken", Level = LogLevel.Warning,
        Message = "Webhook {WebhookId}: rate limiter queue full; the delivery waits for its claim to expire")]
    private static partial void LogNoToken(ILogger logger, string webhookId);
}
