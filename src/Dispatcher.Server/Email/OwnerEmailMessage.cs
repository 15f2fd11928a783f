using System.Globalization;
using System.Text;
using Dispatcher.Core.Events;
using Dispatcher.Redis.Notifications;
using MimeKit;

namespace Dispatcher.Server.Email;

/// <summary>The email telling a workspace's owner that one of its webhooks changed state.</summary>
public static class OwnerEmailMessage
{
    /// <summary>Carries the workspace and the change's sequence, so an owner (or a test) can tell two emails apart.</summary>
    public const string NotificationHeader = "X-Dispatcher-Notification";

    public static MimeMessage Compose(StatusNote note, string from, string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = Subject(note);
        // The same id for the same change: a mail system that sees it twice may fold it into one.
        message.MessageId = $"ntf.{note.Sequence}.{note.WebhookId}.{Uri.EscapeDataString(note.WorkspaceId)}@dispatcher";
        message.Headers.Add(NotificationHeader, $"{note.WorkspaceId}/{note.Sequence}");
        message.Body = new TextPart("plain") { Text = Body(note) };
        return message;
    }

    public static string Subject(StatusNote note) => note.Type switch
    {
        OwnerNotificationEvents.Disabled => $"Webhook {note.WebhookId} was disabled",
        OwnerNotificationEvents.Failing => $"Webhook {note.WebhookId} is failing",
        OwnerNotificationEvents.Recovered => $"Webhook {note.WebhookId} is delivering again",
        _ => $"Webhook {note.WebhookId} was enabled",
    };

    private static string Body(StatusNote note)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Subject(note)}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Workspace: {note.WorkspaceId}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Webhook:   {note.WebhookId}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Endpoint:  {note.Endpoint}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Status:    {note.Status.ToString().ToLowerInvariant()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reason:    {note.Reason}");
        text.AppendLine(CultureInfo.InvariantCulture, $"At:        {note.At.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        text.AppendLine();
        text.AppendLine(note.Type switch
        {
            OwnerNotificationEvents.Disabled =>
                "Nothing is delivered to this endpoint until it is enabled again (POST /v1/webhooks/{id}/enable); its events keep queuing.",
            OwnerNotificationEvents.Failing =>
                "Its last delivery failed every retry. It keeps delivering; after more failures in a row it is disabled.",
            _ => "Deliveries to this endpoint go on as usual.",
        });
        return text.ToString();
    }
}
