using MailKit.Security;

namespace Dispatcher.Server.Email;

/// <summary>
/// <c>Dispatcher:Email</c>: the SMTP server owner notifications are sent through (docs/configuration.md).
/// With no <see cref="Host"/>, no email is sent.
/// </summary>
public sealed class EmailOptions
{
    public const string Section = "Dispatcher:Email";

    /// <summary>The SMTP server's host name. No default: email is off.</summary>
    public string? Host { get; set; }

    /// <summary>Its port. Default 587 (submission).</summary>
    public int Port { get; set; } = 587;

    /// <summary>
    /// How the connection is secured: <c>StartTls</c> (default: refuses a server without it),
    /// <c>SslOnConnect</c> (port 465), <c>StartTlsWhenAvailable</c>, <c>Auto</c>, or <c>None</c> (a local relay only).
    /// </summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>The account to log in with; none: no login.</summary>
    public string? UserName { get; set; }

    /// <summary>Its password. A secret: never logged; set it through the environment or a secret store.</summary>
    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Dispatcher &lt;notifications@example.com&gt;</c>. Required with <see cref="Host"/>.</summary>
    public string? From { get; set; }

    /// <summary>How long one send (connect, login, message) may take. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);
}
