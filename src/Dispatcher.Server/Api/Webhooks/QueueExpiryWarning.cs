using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Schedule;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// A disabled webhook keeps its events queued only as long as the event retention: the API shows
/// when the first of them expires, and warns once that is near, so the customer can enable it in time.
/// </summary>
public static class QueueExpiryWarning
{
    /// <summary>How near an expiry must be to warn about it.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromHours(24);

    public static async Task<WebhookResponse> AddAsync(
        WebhookResponse response, Webhook webhook, ScheduleStore schedule, PartitionMap partitions, TimeProvider time)
    {
        if (webhook.Status != WebhookStatus.Disabled)
        {
            return response;
        }
        var now = time.GetUtcNow();
        if (await schedule.QueueExpiresAtAsync(partitions.PartitionOf(webhook.Id), webhook.Id, now) is not { } expiresAt)
        {
            return response;
        }
        var at = DateTimeOffset.FromUnixTimeMilliseconds(expiresAt.ToUnixTimeMilliseconds()).UtcDateTime;
        return response with
        {
            QueueExpiresAt = at,
            Warning = expiresAt - now <= Horizon
                ? $"queued events start to expire at {at:yyyy-MM-ddTHH:mm:ssZ}, past the event retention: enable the webhook before then, or they are dropped unsent"
                : null,
        };
    }
}
