using Dispatcher.Redis.Notifications;
using Dispatcher.Protocol.V1;
using Google.Protobuf.WellKnownTypes;
using WebhookStatus = Dispatcher.Core.Webhooks.WebhookStatus;

namespace Dispatcher.Server.Notifications;

/// <summary>A notification log entry as producers' streams carry it.</summary>
public static class NotificationMessages
{
    public static WebhookNotification From(StatusNote note, string cursor) => new()
    {
        WebhookId = note.WebhookId,
        WorkspaceId = note.WorkspaceId,
        Status = note.Status switch
        {
            WebhookStatus.Enabled => Protocol.V1.WebhookStatus.Enabled,
            WebhookStatus.Failing => Protocol.V1.WebhookStatus.Failing,
            _ => Protocol.V1.WebhookStatus.Disabled,
        },
        Reason = note.Reason,
        At = Timestamp.FromDateTimeOffset(note.At),
        Endpoint = note.Endpoint,
        Cursor = cursor,
        Type = note.Type,
        Sequence = note.Sequence,
    };
}
