using System.Globalization;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Deliveries;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>
/// Pages through a webhook's delivery log: its deliveries newest first (by first logged attempt, then
/// id), each delivery's attempts newest first. The filter reads the summaries; only the deliveries a
/// page shows have their attempts read.
/// </summary>
public sealed class DeliveryLogPager(DeliveryLogStore log)
{
    /// <summary>
    /// Up to <paramref name="limit"/> attempts of the deliveries <paramref name="filter"/> lets through,
    /// after <paramref name="after"/> (the opaque cursor) or after skipping <paramref name="offset"/>
    /// attempts (the older numeric cursor, still answered in kind: its next cursor is a number too).
    /// </summary>
    public async Task<DeliveryListResponse> PageAsync(WebhookId webhookId, DeliveryFilter filter, DeliveryLogCursor? after, int? offset, int limit)
    {
        var deliveries = (await log.IndexAsync(webhookId)).Where(d => filter.Matches(d.Summary)).ToList();
        int start = after is null ? 0 : deliveries.FindIndex(d => after.Is(d.FirstAtMs, d.DeliveryId) || after.IsAfter(d.FirstAtMs, d.DeliveryId));
        if (start < 0)
        {
            return new DeliveryListResponse([], null);
        }
        var page = new List<DeliveryLogEntry>(limit);
        int skip = offset ?? 0;
        DeliveryLogCursor? last = null;
        bool more = false;
        // Every kept delivery has at least one attempt: reading `limit` deliveries at a time covers a
        // page in one read unless skipping (an offset) or missing records ask for another.
        for (int chunk = start; chunk < deliveries.Count && !more; chunk += limit)
        {
            if (page.Count == limit)
            {
                // Full, and the deliveries left each have an attempt: no need to read them to know.
                more = true;
                break;
            }
            var ids = deliveries.Skip(chunk).Take(limit).Select(d => d.DeliveryId).ToList();
            var attempts = await log.AttemptsAsync(webhookId, ids);
            for (int i = chunk; i < chunk + ids.Count && !more; i++)
            {
                var delivery = deliveries[i];
                var entries = attempts.GetValueOrDefault(delivery.DeliveryId) ?? [];
                // Only the cursor's own delivery is entered part way: below the last attempt shown.
                int top = after is not null && after.Is(delivery.FirstAtMs, delivery.DeliveryId) ? Math.Min(after.Index, entries.Count) : entries.Count;
                for (int index = top - 1; index >= 0; index--)
                {
                    if (skip > 0)
                    {
                        skip--;
                        continue;
                    }
                    if (page.Count == limit)
                    {
                        more = true;
                        break;
                    }
                    page.Add(entries[index]);
                    last = new DeliveryLogCursor(delivery.FirstAtMs, delivery.DeliveryId, index);
                }
            }
        }
        string? next = !more || last is null ? null
            : offset is { } skipped ? (skipped + page.Count).ToString(CultureInfo.InvariantCulture)
            : last.Encode();
        return new DeliveryListResponse(page, next);
    }
}
