using Dispatcher.Redis.Notifications;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// Works one owner notification channel through every workspace's notification log, on every
/// instance at once: a per-entry claim in Redis lets one instance handle each entry, a failure is
/// retried with a doubling delay by whichever instance looks next, and a per-channel cursor moves
/// past every settled entry so a pass reads only what is new or pending.
/// </summary>
public sealed partial class OwnerNotificationWorker(
    IOwnerNotificationChannel channel, NotificationHub hub, NotificationLogStore log, IOptions<NotificationOptions> options,
    TimeProvider time, ILogger<OwnerNotificationWorker> logger) : BackgroundService
{
    /// <summary>Entries read from one log per pass: a burst is worked through over a few passes.</summary>
    private const int Page = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!channel.Enabled)
        {
            return;
        }
        var wake = hub.Open(out var close);
        try
        {
            IReadOnlyCollection<string> woken = [];
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    // Woken: only the logs that grew. Otherwise (the poll) every log, for retries come due.
                    await PassAsync(woken.Count > 0 ? woken : await log.WorkspacesAsync(), stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Redis away, mostly; whatever it was, the next pass tries again rather than stopping the host.
                    LogConsumerFailed(logger, channel.Name, ex);
                }
                woken = await wake.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a claim held now runs out its lease and is taken over (or settled) elsewhere.
        }
        finally
        {
            close();
        }
    }

    private async Task PassAsync(IEnumerable<string> workspaces, CancellationToken cancellationToken)
    {
        foreach (string workspace in workspaces)
        {
            var notes = await log.ReadAsync(workspace, await log.CursorAsync(workspace, channel.Name), Page);
            if (notes.Count == 0)
            {
                continue;
            }
            foreach (var note in notes)
            {
                await HandleAsync(note, cancellationToken);
            }
            // The cursor moves over the settled entries at the front; one waiting to retry holds it (and is re-read) until settled.
            var settled = await log.SettledAsync(workspace, channel.Name, notes.Select(n => n.Sequence).ToList());
            int run = Array.IndexOf(settled, false) is var first && first >= 0 ? first : settled.Length;
            if (run > 0)
            {
                await log.AdvanceAsync(workspace, channel.Name, notes[run - 1].Sequence);
            }
        }
    }

    private async Task HandleAsync(StatusNote note, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var claim = await log.ClaimAsync(note.WorkspaceId, channel.Name, note.Sequence, time.GetUtcNow(), settings.ClaimLease, !channel.AtMostOnce);
        if (claim.State == NoteClaimState.Abandoned)
        {
            LogAbandoned(logger, channel.Name, note.Sequence, note.WorkspaceId, note.WebhookId);
        }
        if (claim.State != NoteClaimState.Taken)
        {
            return;
        }
        bool delivered;
        try
        {
            delivered = await channel.DeliverAsync(note, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One entry's failure (Redis away, a channel's unforeseen error) is retried like a refusal: it never sinks the others.
            LogConsumerFailed(logger, channel.Name, ex);
            delivered = false;
        }
        if (delivered)
        {
            await log.FinishAsync(note.WorkspaceId, channel.Name, note.Sequence);
            return;
        }
        int failed = claim.FailedAttempts + 1;
        await log.RetryAsync(note.WorkspaceId, channel.Name, note.Sequence, time.GetUtcNow() + Backoff(failed, settings), failed);
    }

    /// <summary>The initial delay, doubled per failed attempt after the first, capped.</summary>
    public static TimeSpan Backoff(int failedAttempts, NotificationOptions settings)
    {
        double factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        var delay = TimeSpan.FromMilliseconds(settings.RetryInitialDelay.TotalMilliseconds * factor);
        return delay < settings.RetryMaxDelay ? delay : settings.RetryMaxDelay;
    }
}
