using Dispatcher.Protocol.V1;
using Dispatcher.Redis.Notifications;
using Dispatcher.Server.Auth;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// The producer's stream of webhook status changes (authenticated like ingest), read from the
/// workspaces' notification logs: from the request's cursor when it has one, else from now, then
/// live. A key scoped to some workspaces hears only theirs: a change carries the customer's endpoint URL.
/// </summary>
public sealed class WebhookNotificationService(
    NotificationHub hub, NotificationLogStore log, IOptions<NotificationOptions> options, TimeProvider time, IHostApplicationLifetime lifetime)
    : WebhookNotifications.WebhookNotificationsBase
{
    /// <summary>The response header carrying the stream's starting cursor.</summary>
    public const string CursorHeader = "dispatcher-cursor";

    /// <summary>Entries read from one log per round trip.</summary>
    private const int Page = 100;

    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<WebhookNotification> responseStream, ServerCallContext context)
    {
        var scope = ProducerScope.From(context);
        var named = request.WorkspaceIds.ToHashSet(StringComparer.Ordinal);
        if (named.FirstOrDefault(w => !scope.Allows(w)) is { } foreign)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"this producer key may not see workspace '{foreign}'"));
        }
        Dictionary<string, long>? resumed = null;
        if (request.Cursor.Length > 0 && !NotificationCursor.TryDecode(request.Cursor, out resumed))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "cursor is not one this server handed out; pass a notification's cursor, or none to start from now"));
        }
        // Before the positions are read: a change appended meanwhile wakes this stream, and is read from the log anyway.
        var wake = hub.Open(out var close);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            var positions = named.Count > 0
                ? await StartAsync(named.ToList(), resumed, unnamedFromStart: false)
                : await StartAsync(await VisibleAsync(scope), resumed, unnamedFromStart: true);
            // Tells the caller the stream is live, and where it starts: a caller that hears nothing can still resume from here.
            await context.WriteResponseHeadersAsync([new Metadata.Entry(CursorHeader, NotificationCursor.Encode(positions))]);
            IReadOnlyCollection<string> woken = [];
            while (true)
            {
                // Woken: only the logs that grew. Otherwise (the start, the poll) every log the stream follows.
                var due = woken.Count > 0 ? woken.Where(positions.ContainsKey).ToList() : positions.Keys.ToList();
                await SendNewAsync(positions, due, responseStream, context.CancellationToken);
                woken = await wake.WaitAsync(options.Value.PollInterval, time, open.Token);
                open.Token.ThrowIfCancellationRequested();
                if (named.Count == 0)
                {
                    // Every workspace the key may see: one first heard of now has no entry from before this stream.
                    foreach (var workspace in (woken.Count > 0 ? woken : await VisibleAsync(scope)).Where(scope.Allows))
                    {
                        positions.TryAdd(workspace, 0);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (open.IsCancellationRequested)
        {
            // The producer hung up, or this instance is stopping (the producer re-subscribes elsewhere, with its cursor).
        }
        finally
        {
            close();
        }
    }

    private async Task<List<string>> VisibleAsync(ProducerScope scope) => (await log.WorkspacesAsync()).Where(scope.Allows).ToList();

    /// <summary>
    /// From the cursor where it names the workspace; from now without a cursor. A workspace a cursor
    /// does not name: from its start when the stream follows every workspace (it had no log when the
    /// cursor was written), from now when the caller named it (it was added to the list).
    /// </summary>
    private async Task<Dictionary<string, long>> StartAsync(List<string> workspaces, Dictionary<string, long>? resumed, bool unnamedFromStart)
    {
        var last = await log.LastSequencesAsync(workspaces);
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        for (int i = 0; i < workspaces.Count; i++)
        {
            positions[workspaces[i]] = resumed is null ? last[i] : resumed.GetValueOrDefault(workspaces[i], unnamedFromStart ? 0 : last[i]);
        }
        return positions;
    }

    private async Task SendNewAsync(
        Dictionary<string, long> positions, IReadOnlyList<string> workspaces, IServerStreamWriter<WebhookNotification> responseStream, CancellationToken cancellationToken)
    {
        foreach (string workspace in workspaces)
        {
            while (await log.ReadAsync(workspace, positions[workspace], Page) is { Count: > 0 } notes)
            {
                foreach (var note in notes)
                {
                    positions[workspace] = note.Sequence;
                    await responseStream.WriteAsync(NotificationMessages.From(note, NotificationCursor.Encode(positions)), cancellationToken);
                }
            }
        }
    }
}
