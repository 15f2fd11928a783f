using Dispatcher.Protocol.V1;
using Dispatcher.Server.Auth;
using Grpc.Core;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// The producer's stream of webhook status changes (authenticated like ingest). A key scoped to
/// some workspaces hears only theirs: a change carries the customer's endpoint URL.
/// </summary>
public sealed class WebhookNotificationService(NotificationHub hub, IHostApplicationLifetime lifetime) : WebhookNotifications.WebhookNotificationsBase
{
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<WebhookNotification> responseStream, ServerCallContext context)
    {
        var scope = ProducerScope.From(context);
        var workspaces = request.WorkspaceIds.ToHashSet(StringComparer.Ordinal);
        if (workspaces.FirstOrDefault(w => !scope.Allows(w)) is { } foreign)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"this producer key may not see workspace '{foreign}'"));
        }
        var reader = hub.Open(out var close);
        // Ends with the call, or cleanly when this instance shuts down (the producer re-subscribes elsewhere).
        using var open = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            // Tell the caller the stream is live, so it knows changes from here on will reach it.
            await context.WriteResponseHeadersAsync([]);
            await foreach (var notification in reader.ReadAllAsync(open.Token))
            {
                if (workspaces.Count == 0 ? scope.Allows(notification.WorkspaceId) : workspaces.Contains(notification.WorkspaceId))
                {
                    await responseStream.WriteAsync(notification, context.CancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (open.IsCancellationRequested)
        {
            // The producer hung up, or this instance is stopping.
        }
        finally
        {
            close();
        }
    }
}
