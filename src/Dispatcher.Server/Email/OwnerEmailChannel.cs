using System.Net.Sockets;
using Dispatcher.Redis.Notifications;
using Dispatcher.Server.Notifications;
using Dispatcher.Server.Workspaces;
using MailKit;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Email;

/// <summary>
/// Owner notifications by email, to the address <see cref="IWorkspaceOwners"/> gives for the
/// workspace. At most once: a change whose sender stopped mid-send is not sent again, and an SMTP
/// failure (the message certainly not accepted) is retried with a growing delay.
/// </summary>
public sealed partial class OwnerEmailChannel(
    IWorkspaceOwners owners, SmtpMailer mailer, IOptions<EmailOptions> options, ILogger<OwnerEmailChannel> logger) : IOwnerNotificationChannel
{
    public string Name => "email";

    public bool Enabled => options.Value.Enabled;

    public bool AtMostOnce => true;

    public async Task<bool> DeliverAsync(StatusNote note, CancellationToken cancellationToken)
    {
        string? owner = await owners.OwnerEmailAsync(note.WorkspaceId, cancellationToken);
        if (string.IsNullOrWhiteSpace(owner) || !MimeKit.MailboxAddress.TryParse(owner, out _))
        {
            LogWithoutOwner(logger, note.Sequence, note.WorkspaceId, note.WebhookId);
            return true;
        }
        try
        {
            await mailer.SendAsync(OwnerEmailMessage.Compose(note, options.Value.From!, owner), cancellationToken);
        }
        // OperationCanceledException while not stopping: the send's own timeout.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is IOException or SocketException or ProtocolException or CommandException
            or ServiceNotConnectedException or ServiceNotAuthenticatedException or AuthenticationException or SslHandshakeException
            or System.Security.Authentication.AuthenticationException or OperationCanceledException)
        {
            // The exception's type and message only: they name the server and what it answered, never the credentials.
            LogFailed(logger, note.Sequence, note.WorkspaceId, note.WebhookId, options.Value.Host!, ex.GetType().Name, ex.Message);
            return false;
        }
        LogSent(logger, note.Type, note.WebhookId, note.WorkspaceId, note.Sequence);
        return true;
    }
}
