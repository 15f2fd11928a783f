using Dispatcher.Core.Delivery;
using Dispatcher.Core.Retries;
using Dispatcher.Redis.Schedule;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// Delivers one partition's due work: finds the webhooks with something due, claims a batch of
/// each (so a crash re-delivers rather than loses), sends, and settles every claim in Redis.
/// </summary>
public sealed partial class PartitionPump(
    ScheduleStore schedule,
    WebhookStore webhooks,
    DeliveryAttempt attempt,
    PartitionSignals signals,
    IOptions<DispatcherOptions> options,
    TimeProvider time,
    ILogger<PartitionPump> logger)
{
    private const int WebhooksPerRound = 64;
    private const int DeliveriesPerClaim = 16;

    private readonly RetrySchedule _retries = options.Value.Delivery.RetrySchedule.Count > 0
        ? RetrySchedule.FromSeconds([.. options.Value.Delivery.RetrySchedule])
        : RetrySchedule.Default;

    public async Task RunAsync(int partition, CancellationToken stopping)
    {
        var delivery = options.Value.Delivery;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                string[] due = await schedule.DueWebhooksAsync(partition, now, WebhooksPerRound);
                if (due.Length == 0)
                {
                    var next = await schedule.NextDueAsync(partition);
                    // Read the clock again: time may have moved while Redis answered.
                    var wait = next is { } at ? Clamp(at - time.GetUtcNow(), delivery.IdlePoll) : delivery.IdlePoll;
                    if (wait > TimeSpan.Zero)
                    {
                        await signals.WaitAsync(partition, wait, time, stopping);
                    }
                    continue;
                }
                await Task.WhenAll(due.Select(webhookId => DeliverAsync(partition, webhookId, now, stopping)));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogRedisError(logger, partition, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception ex)
            {
                // A bug must not silently stop a partition: log it loudly and keep pumping.
                LogPumpFailed(logger, partition, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task DeliverAsync(int partition, string webhookId, DateTimeOffset now, CancellationToken stopping)
    {
        var claimed = await schedule.ClaimAsync(partition, webhookId, now, now + options.Value.Delivery.ClaimTimeout, DeliveriesPerClaim);
        if (claimed.Count == 0)
        {
            return;
        }
        var webhook = await webhooks.GetAsync(claimed[0].Event.WorkspaceId, webhookId);
        if (webhook is null)
        {
            // Deleted after these were queued: its work goes with it.
            await schedule.DropAsync(partition, webhookId);
            return;
        }
        // One endpoint's deliveries go one after another, in due order.
        foreach (var delivery in claimed)
        {
            var result = await attempt.SendAsync(webhook, delivery, stopping);
            await SettleAsync(partition, delivery, result);
        }
    }

    private async Task SettleAsync(int partition, ClaimedDelivery delivery, DeliveryResult result)
    {
        int attempts = delivery.AttemptsMade + 1;
        if (result.IsSuccess)
        {
            await schedule.SettleAsync(partition, delivery, Settlement.Done);
            return;
        }
        var delay = _retries.DelayAfter(attempts);
        if (delay is null)
        {
            await schedule.SettleAsync(partition, delivery, Settlement.Failed);
            LogDeliveryFailed(logger, delivery.DeliveryId, delivery.WebhookId, attempts, Describe(result));
            return;
        }
        var due = time.GetUtcNow() + delay.Value;
        await schedule.SettleAsync(partition, delivery, Settlement.Retry, due);
        LogRetryScheduled(logger, delivery.DeliveryId, delivery.WebhookId, attempts, Describe(result), due);
    }

    private static string Describe(DeliveryResult result) =>
        result.Kind == DeliveryResultKind.HttpStatus ? $"HTTP {result.StatusCode}" : result.Error ?? result.Kind.ToString();

    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;

    [LoggerMessage(EventId = 2001, EventName = "PartitionRedisError", Level = LogLevel.Warning,
        Message = "Partition {Partition} could not reach Redis; retrying in 1 s")]
    private static partial void LogRedisError(ILogger logger, int partition, Exception exception);

    [LoggerMessage(EventId = 2004, EventName = "RetryScheduled", Level = LogLevel.Debug,
        Message = "Delivery {DeliveryId} to webhook {WebhookId}: attempt {Attempts} failed ({Reason}); next attempt at {Due:o}")]
    private static partial void LogRetryScheduled(ILogger logger, string deliveryId, string webhookId, int attempts, string reason, DateTimeOffset due);

    [LoggerMessage(EventId = 2003, EventName = "PumpFailed", Level = LogLevel.Error,
        Message = "Partition {Partition} pump failed; retrying in 1 s")]
    private static partial void LogPumpFailed(ILogger logger, int partition, Exception exception);

    [LoggerMessage(EventId = 2002, EventName = "DeliveryFailed", Level = LogLevel.Information,
        Message = "Delivery {DeliveryId} to webhook {WebhookId} failed after {Attempts} attempts: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string deliveryId, string webhookId, int attempts, string reason);
}
