using Dispatcher.Engine.Claims;
using Dispatcher.Engine.Configuration;
using Dispatcher.Engine.Holds;
using Dispatcher.Engine.Limiter;
using Dispatcher.Engine.Processing;
using Dispatcher.Engine.Rules;
using Dispatcher.Engine.Signals;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Engine.Workers;
using Dispatcher.Redis.Schedule;
using Dispatcher.Core.Webhooks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Engine.Pumps;

/// <summary>
/// Moves one partition's due work from Redis into its endpoints' bounded channels: for each
/// webhook with something due it claims only as many deliveries as that webhook's channel has
/// room for, so the backlog stays in Redis and a full endpoint never blocks another.
/// </summary>
/// <remarks>
/// Its claims and settlements carry <c>epoch</c>, the lease epoch it runs under: once another
/// acquisition moved the epoch on, Redis refuses them. With <c>takenOver</c> (another instance
/// delivered the partition before) each webhook's rate bucket is emptied before its first send here.
/// </remarks>
public sealed partial class PartitionPump(
    int partition,
    long epoch,
    bool takenOver,
    EndpointRateLimiter limiter,
    ScheduleStore schedule,
    WebhookCache webhookCache,
    UnreadableSecretHolds secretHolds,
    DeliveryProcessor processor,
    WebhookRules rules,
    PartitionSignals signals,
    EndpointHolds holds,
    DeliveryEngineEntries entries,
    ExpiredDeliveryRecorder expiredRecorder,
    DirectClaims directClaims,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<PartitionPump> logger,
    ILogger<EndpointWorker> workerLogger)
{
    private const int WebhooksPerRound = 256;
    private const int MaxClaim = 16;
    private readonly Dictionary<string, EndpointWorker> _workers = new(StringComparer.Ordinal);

    /// <summary>Each webhook's claim lifetime, learnt when its record is first seen.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> _claimTimeouts = new(StringComparer.Ordinal);

    /// <summary>Parked webhooks whose channel has room again, for the loop to put back into the ready index.</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _unparks = new();
    private CancellationToken _abort;
    private int _parkedThisRound;
    private DateTimeOffset _nextSweep;

    /// <param name="stopping">Stop claiming and sending.</param>
    /// <param name="abort">Give up on attempts still in flight (the shutdown deadline has passed).</param>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        _abort = abort;
        var delivery = options.Value;
        _nextSweep = time.GetUtcNow() + SweepEvery(delivery);
        bool restored = false;
        directClaims.Register(partition, this);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    if (!restored)
                    {
                        // Webhooks parked by an earlier holder (crashed, or the lease moved) would stay out of
                        // the ready index: its channels are gone, so put every one back.
                        foreach (string parked in await schedule.ParkedAsync(partition))
                        {
                            await schedule.UnparkAsync(partition, parked);
                        }
                        restored = true;
                    }
                    await UnparkFreedAsync();
                    var now = time.GetUtcNow();
                    if (now >= _nextSweep)
                    {
                        await EvictIdleAsync(now, delivery);
                    }
                    Interlocked.Exchange(ref _parkedThisRound, 0);
                    string[] due = await schedule.DueWebhooksAsync(partition, now, WebhooksPerRound);
                    int claimed = due.Length == 0 ? 0 : await FillAsync(due, now, stopping);
                    if (claimed > 0 || Volatile.Read(ref _parkedThisRound) > 0)
                    {
                        // Parking changed the index: the webhooks behind the parked ones are due too.
                        continue;
                    }
                    // Nothing claimable: either nothing is due (sleep until the next due time) or every
                    // due endpoint's channel is full (sleep until a sender frees a slot and signals).
                    var next = due.Length == 0 ? await schedule.NextDueAsync(partition) : null;
                    // Read the clock again: time may have moved while Redis answered.
                    var current = time.GetUtcNow();
                    var until = current + (next is { } at ? Clamp(at - current, delivery.IdlePoll) : delivery.IdlePoll);
                    if (until > current)
                    {
                        await signals.WaitAsync(partition, until, time, stopping);
                    }
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
        finally
        {
            // First: a slot reserved after its worker stopped would hand its delivery back, not send it.
            directClaims.Unregister(partition, this);
            await Task.WhenAll(_workers.Values.Select(w => w.StopAsync()));
            entries.WorkersChanged(-_workers.Count);
            entries.ClaimTimeoutsChanged(-_claimTimeouts.Count);
        }
    }

    /// <summary>Puts back the parked webhooks a sender has freed a slot of (only the loop writes the index).</summary>
    private async Task UnparkFreedAsync()
    {
        while (_unparks.TryPeek(out string? webhookId))
        {
            // Dequeued only once done: if Redis fails, the next round tries again.
            await schedule.UnparkAsync(partition, webhookId);
            _unparks.TryDequeue(out _);
        }
    }

    /// <summary>
    /// Drops the workers (and claim timeouts) of webhooks idle for <c>EndpointIdleTimeout</c>, as
    /// the BCL's partitioned rate limiter drops idle partitions: removed under the lock, stopped
    /// outside it. Only the loop adds workers, and no fill runs now, so none is handed work meanwhile.
    /// </summary>
    private async Task EvictIdleAsync(DateTimeOffset now, DeliveryOptions delivery)
    {
        _nextSweep = now + SweepEvery(delivery);
        var cutoff = now - delivery.EndpointIdleTimeout;
        List<(string Id, EndpointWorker Worker)> idle;
        lock (_workers)
        {
            idle = _workers.Where(w => w.Value.IdleSince(cutoff)).Select(w => (w.Key, w.Value)).ToList();
            foreach (var (id, _) in idle)
            {
                _workers.Remove(id);
            }
        }
        foreach (var (id, _) in idle)
        {
            if (_claimTimeouts.TryRemove(id, out _))
            {
                entries.ClaimTimeoutsChanged(-1);
            }
        }
        entries.WorkersChanged(-idle.Count);
        await Task.WhenAll(idle.Select(w => w.Worker.StopAsync()));
        var longestClaim = rules.LongestClaimTimeout;
        holds.Evict(now - (longestClaim > delivery.EndpointIdleTimeout ? longestClaim : delivery.EndpointIdleTimeout));
        if (idle.Count > 0)
        {
            LogWorkersEvicted(logger, partition, idle.Count);
        }
    }

    /// <summary>Often enough that an idle entry lives at most half as long again as the timeout.</summary>
    private static TimeSpan SweepEvery(DeliveryOptions delivery) => delivery.EndpointIdleTimeout / 2;

    /// <summary>
    /// Claims into the due webhooks' free slots, all in one script call; returns how many were claimed.
    /// A webhook whose channel is full is parked instead.
    /// </summary>
    private async Task<int> FillAsync(string[] due, DateTimeOffset now, CancellationToken stopping)
    {
        var requests = new List<ClaimRequest>(due.Length);
        var workers = new List<EndpointWorker>(due.Length);
        List<Task>? parks = null;
        foreach (string webhookId in due)
        {
            var worker = WorkerFor(webhookId, stopping);
            int free = FreeOrParked(worker);
            if (free <= 0)
            {
                // Full: out of the ready index until a slot frees, so it cannot hide webhooks behind it.
                (parks ??= []).Add(ParkAsync(webhookId));
                continue;
            }
            // The claim must outlast the webhook's slowest possible channel, which its format's timeout sets.
            // Until the webhook has been read once, claim only one round of sends and assume the slowest
            // format: a short claim, so a crash right after a pump starts delays nothing by minutes.
            TimeSpan claimFor;
            if (_claimTimeouts.TryGetValue(webhookId, out var known))
            {
                claimFor = known;
            }
            else
            {
                free = Math.Min(free, options.Value.ConcurrencyPerEndpoint);
                claimFor = rules.FirstClaimTimeout;
            }
            requests.Add(new ClaimRequest(webhookId, now + claimFor, free));
            workers.Add(worker);
        }
        if (parks is not null)
        {
            await Task.WhenAll(parks);
        }
        if (requests.Count == 0 || await schedule.ClaimBatchAsync(partition, requests, now, epoch) is not { } results)
        {
            return 0;
        }
        var wanted = new List<(string WorkspaceId, string WebhookId)>(requests.Count);
        for (int i = 0; i < results.Count; i++)
        {
            if (results[i].Expired.Count > 0)
            {
                await expiredRecorder.RecordAsync(partition, requests[i].WebhookId, results[i].Expired,
                    results[i].Claimed.Count > 0 ? results[i].Claimed[0].Event.WorkspaceId : null);
            }
            if (results[i].Claimed.Count > 0)
            {
                wanted.Add((results[i].Claimed[0].Event.WorkspaceId, requests[i].WebhookId));
            }
        }
        var records = await webhookCache.GetAsync(wanted);
        int claimed = 0;
        for (int i = 0; i < results.Count; i++)
        {
            if (results[i].Claimed.Count > 0)
            {
                claimed += await HandOutAsync(requests[i].WebhookId, workers[i], results[i].Claimed, records.GetValueOrDefault(requests[i].WebhookId), now);
            }
        }
        return claimed;
    }

    /// <summary>
    /// A slot in <paramref name="webhook"/>'s channel for a delivery ingest writes claimed under this
    /// pump's epoch (see <see cref="DirectClaims"/>), or null. Only for a webhook this pump has
    /// claimed for before: its worker runs, its claim lifetime is known, and after a takeover its
    /// rate bucket has been emptied. Never for one whose secret cannot be read (it is held instead).
    /// </summary>
    public Dispatcher.Redis.Ingest.DirectClaim? TryReserve(Webhook webhook, DateTimeOffset now)
    {
        if (webhook.SecretUnreadable || !_claimTimeouts.ContainsKey(webhook.Id))
        {
            return null;
        }
        EndpointWorker? worker;
        // Under the sweep's lock: a worker with a slot taken is not idle, so it cannot be evicted meanwhile.
        lock (_workers)
        {
            if (!_workers.TryGetValue(webhook.Id, out worker) || !worker.TryReserve())
            {
                return null;
            }
        }
        return new WorkerSlot(this, webhook, worker, epoch, now, now + rules.ClaimTimeoutOf(webhook));
    }

    /// <summary>The partition this pump claims and sends for.</summary>
    public int Partition => partition;

    /// <summary>Puts a delivery ingest wrote claimed into the slot <see cref="TryReserve"/> took for it.</summary>
    internal void Hand(EndpointWorker worker, QueuedDelivery queued)
    {
        if (worker.TryWriteReserved(queued))
        {
            LogClaimed(logger, partition, 1, queued.Webhook.Id);
            return;
        }
        // The worker stopped meanwhile (the lease moved, or this instance is stopping): due again at
        // once, as a pump's claims left in a channel are (or, if that is refused too, once its claim expires).
        _ = processor.HandBackAsync(queued);
    }

    /// <summary>
    /// The slots the pump may claim into, or 0 once the worker is marked parked (full). A slot freed
    /// between the two reads means room after all: a sender wakes the pump only for a parked webhook,
    /// so skipping it now would leave its due work until the next wake-up.
    /// </summary>
    private static int FreeOrParked(EndpointWorker worker)
    {
        while (true)
        {
            int free = Math.Min(worker.FreeSlots, MaxClaim);
            if (free > 0)
            {
                return free;
            }
            if (worker.TryPark())
            {
                return 0;
            }
        }
    }

    private async Task ParkAsync(string webhookId)
    {
        if (await schedule.ParkAsync(partition, webhookId, epoch))
        {
            Interlocked.Increment(ref _parkedThisRound);
        }
    }

    /// <summary>Puts a webhook's claimed deliveries into its channel; returns how many.</summary>
    /// <param name="webhook">The webhook's record, or null when it was deleted after these were queued.</param>
    private async Task<int> HandOutAsync(string webhookId, EndpointWorker worker, IReadOnlyList<ClaimedDelivery> claimed, Webhook? webhook, DateTimeOffset now)
    {
        if (webhook is null)
        {
            // Deleted after these were queued: its work goes with it.
            await schedule.DropAsync(partition, webhookId);
            return 0;
        }
        if (await secretHolds.HoldIfUnreadableAsync(partition, webhook, claimed, now))
        {
            return 0;
        }
        var claimTimeout = rules.ClaimTimeoutOf(webhook);
        // Only this loop adds entries, so the check and the write below cannot race another adder.
        if (!_claimTimeouts.ContainsKey(webhookId))
        {
            entries.ClaimTimeoutsChanged(1);
            if (takenOver)
            {
                // First sight of this webhook since the takeover: its old holder may have spent a burst just
                // now. Emptied before the entry is added: from then on ingest may hand it deliveries (TryReserve).
                limiter.Empty(webhook);
            }
        }
        _claimTimeouts[webhookId] = claimTimeout;
        foreach (var delivery in claimed)
        {
            var queued = new QueuedDelivery(partition, webhook, delivery, now);
            if (!worker.TryEnqueue(queued))
            {
                // Ingest took the slot meanwhile (it reserves slots too, see TryReserve): due again at
                // once rather than held in Redis until its claim expires.
                await processor.HandBackAsync(queued);
            }
        }
        LogClaimed(logger, partition, claimed.Count, webhookId);
        return claimed.Count;
    }

    private EndpointWorker WorkerFor(string webhookId, CancellationToken stopping)
    {
        // Only the pump's loop adds workers; the lock keeps the dictionary whole for the idle sweep.
        lock (_workers)
        {
            if (!_workers.TryGetValue(webhookId, out var worker))
            {
                var delivery = options.Value;
                worker = new EndpointWorker(webhookId, delivery.EndpointQueueCapacity, delivery.ConcurrencyPerEndpoint,
                    processor.ProcessAsync, processor.HandBackAsync, () => Unparked(webhookId),
                    time, workerLogger, stopping, _abort);
                _workers.Add(webhookId, worker);
                entries.WorkersChanged(1);
            }
            return worker;
        }
    }

    /// <summary>A parked webhook's channel has room again: the loop puts it back into the ready index and refills it.</summary>
    private void Unparked(string webhookId)
    {
        _unparks.Enqueue(webhookId);
        signals.Notify(partition);
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan max) =>
        value < TimeSpan.Zero ? TimeSpan.Zero : value > max ? max : value;
}
