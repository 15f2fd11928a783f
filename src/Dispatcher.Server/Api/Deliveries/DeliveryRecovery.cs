using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Schedule;
// Not Microsoft.Extensions.Logging.EventId, which the server imports everywhere.
using EventId = Dispatcher.Core.Events.EventId;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>
/// "Send again every delivery that failed since T": reads the webhook's failed index (every failure
/// whose body may still be kept, also those the log's last deliveries no longer hold), plus the log's
/// own failed deliveries (a keyspace from before the index has its older failures only there).
/// </summary>
public sealed class DeliveryRecovery(DeliveryLogStore log, Replayer replayer)
{
    // Replays go to one partition's slot; a few at once keep a recover of thousands short without
    // crowding out the pumps' own calls.
    private const int Concurrency = 8;

    public async Task<RecoverResponse> RecoverAsync(WorkspaceId workspace, WebhookId webhook, DateTimeOffset since, DateTimeOffset? until)
    {
        var failedTask = log.FailedAsync(webhook, since, until);
        var kept = await log.IndexAsync(webhook);
        var candidates = (await failedTask).ToDictionary(f => f.DeliveryId, f => f.EventId, StringComparer.Ordinal);
        var onlyInLog = kept
            .Where(d => d.Summary.Outcome == DeliveryOutcome.Failed && d.Summary.LastAt >= since && (until is null || d.Summary.LastAt < until)
                && !candidates.ContainsKey(d.DeliveryId))
            .Select(d => d.DeliveryId).ToList();
        foreach (var (deliveryId, attempts) in await log.AttemptsAsync(webhook, onlyInLog))
        {
            if (attempts.Count > 0)
            {
                candidates[deliveryId] = attempts[^1].EventId;
            }
        }
        // A replay that succeeded since leaves the delivery in the index: the log says it arrived.
        var latest = kept.ToDictionary(d => d.DeliveryId, d => d.Summary.Outcome, StringComparer.Ordinal);
        var delivered = candidates.Keys.Where(id => latest.GetValueOrDefault(id, DeliveryOutcome.Failed) == DeliveryOutcome.Succeeded).ToList();
        foreach (string id in delivered)
        {
            candidates.Remove(id);
        }

        int queued = 0, expired = 0, deleted = 0;
        await Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (candidate, _) =>
        {
            var result = await replayer.ReplayAsync(workspace, webhook, new DeliveryId(candidate.Key), new EventId(candidate.Value));
            switch (result)
            {
                case ReplayResult.Queued:
                    Interlocked.Increment(ref queued);
                    break;
                case ReplayResult.Expired:
                    Interlocked.Increment(ref expired);
                    break;
                default:
                    Interlocked.Increment(ref deleted);
                    break;
            }
        });
        return new RecoverResponse(queued, expired, delivered.Count, new NotRecovered(expired + deleted, expired, deleted));
    }
}
