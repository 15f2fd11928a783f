using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Attempts;
using Dispatcher.Engine.Claims;
using Dispatcher.Engine.Configuration;
using Dispatcher.Engine.Holds;
using Dispatcher.Engine.Lifecycle;
using Dispatcher.Engine.Limiter;
using Dispatcher.Engine.Rules;
using Dispatcher.Engine.Sending;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Schedule;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Engine.Processing;

/// <summary>
/// Sends one queued delivery — once its endpoint's token bucket allows — and settles the claim by
/// the rules of the retry schedule: 2xx done; 429/503 with Retry-After pauses the endpoint; 410
/// disables it; anything else is retried on the schedule, then failed, and enough failures in a
/// row disable the webhook.
/// </summary>
public sealed partial class DeliveryProcessor(
    DeliveryAttempt attempt,
    WebhookRules rules,
    EndpointRateLimiter limiter,
    EndpointHolds holds,
    IWorkspaceHolds workspaceHolds,
    SettleBatcher settles,
    WebhookLifecycle lifecycle,
    DeliveryLogEntries logEntries,
    DispatcherMetrics metrics,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<DeliveryProcessor> logger)
{
    /// <summary>
    /// How long a suspended workspace's webhook is paused before its deliveries are looked at again: one
    /// claim per webhook per step while suspended, and delivery starts at most this long after a resume.
    /// </summary>
    public static readonly TimeSpan WorkspaceHoldStep = TimeSpan.FromSeconds(2);

    private readonly DeliveryOptions _options = options.Value;

    /// <summary>Gives a claimed but unsent delivery back to Redis, due now (this instance is stopping).</summary>
    public async Task HandBackAsync(QueuedDelivery queued)
    {
        try
        {
            await settles.SettleAsync(queued.Partition, new SettleRequest(queued.Claim, Settlement.Release, time.GetUtcNow()));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogSettleFailed(logger, queued.Claim.DeliveryId, ex);
        }
    }

    /// <param name="abort">Cancels an attempt in flight; fires only when shutdown runs out of time.</param>
    public async Task ProcessAsync(QueuedDelivery queued, CancellationToken abort)
    {
        try
        {
            if (holds.HeldUntil(queued) is { } until)
            {
                // Claimed before the endpoint was paused or disabled: hand it back untouched. Released,
                // never settled as a disable: Redis's hold already stops claims while the webhook is
                // disabled, and if it was enabled again meanwhile, a disable here would undo that.
                var due = until == DateTimeOffset.MaxValue ? time.GetUtcNow() : until;
                await settles.SettleAsync(queued.Partition, new SettleRequest(queued.Claim, Settlement.Release, due));
                LogHandedBackHeld(logger, queued.Claim.DeliveryId, queued.Webhook.Id, due);
                return;
            }
            if (workspaceHolds.IsHeld(queued.Webhook.WorkspaceId))
            {
                // Suspended: paused, not attempted, so the deliveries wait in Redis (no attempt counted,
                // nothing dropped) and go out once the workspace is resumed.
                var lookAgain = time.GetUtcNow() + WorkspaceHoldStep;
                await settles.SettleAsync(queued.Partition, new SettleRequest(queued.Claim, Settlement.Pause, lookAgain));
                LogWorkspaceHeld(logger, queued.Claim.DeliveryId, queued.Webhook.WorkspaceId, lookAgain);
                return;
            }
            using (var lease = await limiter.AcquireAsync(queued.Webhook, abort))
            {
                if (!lease.IsAcquired)
                {
                    // Cannot happen while the limiter's queue fits every sender; if it does, the claim
                    // simply expires and the delivery is sent later: never lost, never over the cap.
                    LogNoToken(logger, queued.Webhook.Id);
                    return;
                }
            }
            using var span = metrics.AttemptStarting(queued);
            var (request, result) = await attempt.SendAsync(queued.Webhook, queued.Claim, abort);
            var answered = time.GetUtcNow();
            DeliveryOutcome outcome = OutcomeOf(queued, result);
            // The log entry goes with the settle, in one script: an attempt is on record exactly when its
            // outcome is. If this instance dies first, the delivery is sent again, and logged then.
            var entry = LoggedAttempt.Of(logEntries.For(queued, request, result, outcome));
            await SettleAsync(queued, result, outcome, answered, entry);
            metrics.Attempted(outcome, result.StatusCode, result.Latency);
            LogAttemptSettled(logger, queued.Claim.DeliveryId, queued.Claim.AttemptsMade + 1, outcome.ToWireName());
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The claim stays until its deadline, then the delivery is due again: at least once.
            LogSettleFailed(logger, queued.Claim.DeliveryId, ex);
        }
    }

    /// <summary>What the attempt's result means for the delivery, by the rules of the retry schedule.</summary>
    private DeliveryOutcome OutcomeOf(QueuedDelivery queued, DeliveryResult result)
    {
        if (queued.Claim.Event.Type == WebhookTestEvent.Type)
        {
            // A test event only shows the customer whether the endpoint answers: one attempt, and
            // whatever the answer, no retry, pause or disable, and no change to the failure count or status.
            return result.IsSuccess ? DeliveryOutcome.Succeeded : DeliveryOutcome.Failed;
        }
        if (result.IsSuccess)
        {
            return DeliveryOutcome.Succeeded;
        }
        if (result.StatusCode == 410)
        {
            return DeliveryOutcome.Disabled;
        }
        if (result.StatusCode is 429 or 503 && result.RetryAfter is not null)
        {
            // The receiver's own word on when to come back: honoured, not counted as a failure.
            return DeliveryOutcome.Paused;
        }
        return rules.RetriesOf(queued.Webhook).DelayAfter(queued.Claim.AttemptsMade + 1) is null
            ? DeliveryOutcome.Failed
            : DeliveryOutcome.Retrying;
    }

    /// <summary>
    /// Settles the claim as <paramref name="outcome"/> says, with what follows for the webhook;
    /// a retry's delay and a pause count from <paramref name="now"/>, when the answer came.
    /// </summary>
    private async Task SettleAsync(QueuedDelivery queued, DeliveryResult result, DeliveryOutcome outcome, DateTimeOffset now, LoggedAttempt entry)
    {
        var (webhook, delivery) = (queued.Webhook, queued.Claim);
        Task<bool> Settle(Settlement settlement, DateTimeOffset at = default) =>
            settles.SettleAsync(queued.Partition, new SettleRequest(delivery, settlement, at, entry));
        if (delivery.Event.Type == WebhookTestEvent.Type)
        {
            await Settle(result.IsSuccess ? Settlement.Done : Settlement.Failed);
            return;
        }
        switch (outcome)
        {
            case DeliveryOutcome.Succeeded:
                await Settle(Settlement.Done);
                await lifecycle.RecordSuccessAsync(webhook);
                return;
            case DeliveryOutcome.Disabled:
                const string Gone = "the endpoint answered 410 Gone";
                // If the webhook is enabled meanwhile, the later enable wins (the lifecycle's status
                // sequence). The delivery itself waits, released, no attempt counted.
                await lifecycle.SetStatusAsync(webhook, WebhookStatus.Disabled, Gone);
                await Settle(Settlement.Release, now);
                LogWebhookDisabled(logger, webhook.Id, Gone);
                return;
            case DeliveryOutcome.Paused:
                var retryAfter = result.RetryAfter!.Value;
                var until = now + (retryAfter > _options.MaxRetryAfter ? _options.MaxRetryAfter : retryAfter);
                holds.Pause(webhook.Id, until);
                await Settle(Settlement.Pause, until);
                LogWebhookPaused(logger, webhook.Id, result.StatusCode, until);
                return;
            case DeliveryOutcome.Retrying:
                int attempts = delivery.AttemptsMade + 1;
                var delay = rules.RetriesOf(webhook).DelayAfter(attempts)!.Value;
                var due = now + delay * (1 + Random.Shared.NextDouble() * _options.RetryJitter);
                await Settle(Settlement.Retry, due);
                LogRetryScheduled(logger, delivery.DeliveryId, webhook.Id, attempts, Describe(result), due);
                return;
            default:
                await Settle(Settlement.Failed);
                await FailAsync(queued, result);
                return;
        }
    }

    /// <summary>Out of attempts (the delivery has left the schedule): enough of these in a row disable the webhook.</summary>
    private async Task FailAsync(QueuedDelivery queued, DeliveryResult result)
    {
        var (webhook, delivery) = (queued.Webhook, queued.Claim);
        int attempts = delivery.AttemptsMade + 1;
        LogDeliveryFailed(logger, delivery.DeliveryId, webhook.Id, attempts, Describe(result));
        var failure = await lifecycle.RecordFailureAsync(webhook, rules.DisableAfterFailuresOf(webhook));
        if (failure is { Changed: true, After: WebhookStatus.Disabled })
        {
            LogWebhookDisabled(logger, webhook.Id, WebhookLifecycle.DisabledByFailures(failure.ConsecutiveFailures));
        }
    }

    private static string Describe(DeliveryResult result) =>
        result.Kind == DeliveryResultKind.HttpStatus ? $"HTTP {result.StatusCode}" : result.Error ?? result.Kind.ToString();
}
