using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Dispatcher.Server.Email;

/// <summary>
/// Sends one message through the configured SMTP server: a connection per message, as owner
/// notifications are rare and a held connection would only time out between them.
/// </summary>
public sealed class SmtpMailer(IOptions<EmailOptions> options)
{
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        using var client = new SmtpClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host!, settings.Port, settings.Security, timeout.Token);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", timeout.Token);
        }
        await client.SendAsync(message, timeout.Token);
        try
        {
            await client.DisconnectAsync(quit: true, timeout.Token);
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.CommandException or OperationCanceledException)
        {
            // The server accepted the message: a failed goodbye must not make it look unsent (and be sent again).
        }
    }
}
