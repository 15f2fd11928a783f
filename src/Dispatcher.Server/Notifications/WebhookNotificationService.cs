using Dispatcher.Protocol.V1;
using Grpc.Core;

namespace Dispatcher.Server.Notifications;

/// <summary>The producer's stream of webhook status changes (authenticated like ingest).</summary>
public sealed class WebhookNotificationService(NotificationHub hub) : WebhookNotifications.WebhookNotificationsBase
{
    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<WebhookNotification> responseStream, ServerCallContext context)
    {
        var workspaces = request.WorkspaceIds.ToHashSet(StringComparer.Ordinal);
        var reader = hub.Open(out var close);
        try
        {
            // Tell the caller the stream is live, so it knows changes from here on will reach it.
            await context.WriteResponseHeadersAsync([]);
            await foreach (var notification in reader.ReadAllAsync(context.CancellationToken))
            {
                if (workspaces.Count == 0 || workspaces.Contains(notification.WorkspaceId))
                {
                    await responseStream.WriteAsync(notification, context.CancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The producer hung up.
        }
        finally
        {
            close();
        }
    }
}
