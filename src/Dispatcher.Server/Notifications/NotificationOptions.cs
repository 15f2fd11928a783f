namespace Dispatcher.Server.Notifications;

/// <summary>
/// <c>Dispatcher:Notifications</c>: how this instance works through the workspaces' notification
/// logs (docs/configuration.md).
/// </summary>
public sealed class NotificationOptions
{
    public const string Section = "Dispatcher:Notifications";

    /// <summary>
    /// How often a reader looks at the logs with no wake-up from the Redis channel (a wake-up lost
    /// while Redis reconnected, a retry coming due). Default 5 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before an owner notification that failed (SMTP down) is tried again; it doubles each time. Default 10 s.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two tries of one owner notification. Default 10 min.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an instance may take to handle one entry before another may take it over (a
    /// notification webhook's event) or settle it unsent (an email, never sent twice). Default 2 min.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}
