using System.Globalization;
using Dispatcher.Core.Events;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Redis.Aggregation;
using Dispatcher.Redis.Ingest;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Aggregation;

/// <summary>
/// Closes each ended one-minute click window (a little after the minute, on
/// <see cref="TimeProvider"/>'s clock) and publishes its counts as one
/// <c>link.clicked.aggregated</c> event through the same durable path as producer events. Every
/// instance runs one: the event id is derived from the window, so dedupe and deterministic
/// delivery ids give each endpoint one delivery per window however many closers race or retry.
/// </summary>
public sealed partial class WindowCloser(
    AggregationStore store,
    WebhookStore webhooks,
    IngestStore ingest,
    Enqueuer enqueuer,
    IOptions<DispatcherOptions> options,
    TimeProvider time,
    ILogger<WindowCloser> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    /// <summary>The aggregate's event id: one per workspace and window.</summary>
    public static string EventIdOf(string workspaceId, DateTimeOffset windowStart) =>
        $"agg_{workspaceId}_{windowStart.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture)}";

    /// <summary>Closes every window that ended at least the close delay before <paramref name="now"/>.</summary>
    /// <returns>How many windows were closed (empty or not).</returns>
    public async Task<int> CloseEndedAsync(DateTimeOffset now)
    {
        var cutoff = now - options.Value.Aggregation.CloseDelay;
        int closed = 0;
        foreach (string workspace in await store.WorkspacesAsync())
        {
            try
            {
                closed += await CloseWorkspaceAsync(workspace, cutoff, now);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One workspace's trouble must not hold back the others' aggregates.
                LogFailed(logger, workspace, ex);
            }
        }
        LogPass(logger, closed, cutoff);
        return closed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first pass at start closes whatever ended while no instance was running.
        var passAt = time.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset next;
            try
            {
                await CloseEndedAsync(passAt);
                long start = AggregationStore.WindowStart(passAt);
                next = DateTimeOffset.FromUnixTimeMilliseconds(start) + AggregationStore.WindowLength + options.Value.Aggregation.CloseDelay;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogPassFailed(logger, RetryDelay, ex);
                next = passAt + RetryDelay;
            }
            // Measured from the last pass, not from now: a clock that jumped meanwhile (or a slow
            // pass) means the next pass is already due, never that a boundary is skipped.
            var wait = next - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            passAt = time.GetUtcNow();
        }
    }

    private async Task<int> CloseWorkspaceAsync(string workspace, DateTimeOffset cutoff, DateTimeOffset now)
    {
        var ended = await store.EndedWindowsAsync(workspace, cutoff);
        foreach (long startMs in ended)
        {
            await CloseWindowAsync(workspace, startMs, now);
        }
        await store.ForgetWorkspaceIfIdleAsync(workspace);
        return ended.Count;
    }

    private async Task CloseWindowAsync(string workspace, long startMs, DateTimeOffset now)
    {
        var ttl = options.Value.Ingest.DedupeWindow;
        var counts = await store.CloseAsync(workspace, startMs, ttl);
        if (counts.Count > 0)
        {
            await EmitAsync(workspace, startMs, counts, now, ttl);
        }
        // Only now: a crash before this leaves the window to be closed (and emitted, as a
        // duplicate that writes nothing) again.
        await store.ForgetWindowAsync(workspace, startMs);
    }

    private async Task EmitAsync(string workspace, long startMs, IReadOnlyDictionary<string, long> counts, DateTimeOffset now, TimeSpan ttl)
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(startMs);
        var end = start + AggregationStore.WindowLength;
        string eventId = EventIdOf(workspace, start);
        long clicks = counts.Values.Sum();
        var targets = (await webhooks.ListAsync(workspace)).Where(w => w.IsSubscribedTo(AggregatedEvents.Aggregated)).ToList();
        if (targets.Count == 0)
        {
            LogNoSubscribers(logger, eventId, workspace, clicks);
            return;
        }
        var evt = new StoredEvent(eventId, workspace, AggregatedEvents.Aggregated, end, AggregatePayload.Render(start, end, counts));
        var outcomes = await enqueuer.WriteAsync(touched => ingest.WriteAsync([new IngestItem(evt, targets)], now, ttl, touched));
        if (outcomes[0] == IngestOutcome.Accepted)
        {
            LogEmitted(logger, eventId, workspace, clicks, counts.Count(c => c.Key.Length > 0), targets.Count);
        }
        else
        {
            LogAlreadyEmitted(logger, eventId, workspace);
        }
    }
}
