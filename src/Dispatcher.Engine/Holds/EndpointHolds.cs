using System.Collections.Concurrent;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Claims;

namespace Dispatcher.Engine.Holds;

/// <summary>
/// This instance's view of which webhooks must not be sent to right now (paused by a
/// Retry-After, or disabled), so deliveries already in a channel are handed back instead of sent.
/// Redis holds the authoritative hold; this only covers what was claimed before it was set.
/// </summary>
public sealed class EndpointHolds(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Hold> _holds = new(StringComparer.Ordinal);

    public void Pause(string webhookId, DateTimeOffset until) =>
        _holds.AddOrUpdate(webhookId, new Hold(until, time.GetUtcNow()), (_, current) => current.Until >= until ? current : new Hold(until, time.GetUtcNow()));

    public void Disable(string webhookId) => _holds[webhookId] = new Hold(DateTimeOffset.MaxValue, time.GetUtcNow());

    /// <summary>
    /// The webhook was enabled: forgets its disable (a pause stays, it is the receiver's word), so what
    /// is still queued here is sent rather than handed back.
    /// </summary>
    public void Enable(string webhookId)
    {
        if (_holds.TryGetValue(webhookId, out var hold) && hold.Until == DateTimeOffset.MaxValue)
        {
            // Only this entry: a disable set again meanwhile stays.
            _holds.TryRemove(KeyValuePair.Create(webhookId, hold));
        }
    }

    /// <summary>When sending may resume (MaxValue: not until enabled), or null when it may go ahead now.</summary>
    public DateTimeOffset? HeldUntil(QueuedDelivery delivery)
    {
        if (!_holds.TryGetValue(delivery.Webhook.Id, out var hold))
        {
            return null;
        }
        bool disabled = hold.Until == DateTimeOffset.MaxValue;
        // Claimed after the disable, with the webhook read as enabled: it was enabled again meanwhile.
        bool reenabled = disabled && delivery.ClaimedAt > hold.Since && delivery.Webhook.Status != WebhookStatus.Disabled;
        if (reenabled || (!disabled && hold.Until <= time.GetUtcNow()))
        {
            _holds.TryRemove(KeyValuePair.Create(delivery.Webhook.Id, hold));
            return null;
        }
        return hold.Until;
    }

    /// <summary>Holds kept in memory now.</summary>
    public int Count => _holds.Count;

    /// <summary>
    /// Forgets pauses that are over, and disables set before <paramref name="disabledBefore"/>: by
    /// then every delivery claimed before the disable has been handled or its claim has expired, and
    /// Redis's hold keeps the webhook from being claimed again.
    /// </summary>
    public void Evict(DateTimeOffset disabledBefore)
    {
        var now = time.GetUtcNow();
        foreach (var entry in _holds)
        {
            var hold = entry.Value;
            bool over = hold.Until == DateTimeOffset.MaxValue ? hold.Since < disabledBefore : hold.Until <= now;
            if (over)
            {
                // Only this entry: a newer hold set meanwhile stays.
                _holds.TryRemove(entry);
            }
        }
    }

    private readonly record struct Hold(DateTimeOffset Until, DateTimeOffset Since);
}
