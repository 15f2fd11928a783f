using Dispatcher.Redis.Notifications;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// One way a status change reaches the workspace owner (email, notification webhooks). An
/// <see cref="OwnerNotificationWorker"/> hands it each entry of the notification log once.
/// </summary>
public interface IOwnerNotificationChannel
{
    /// <summary>The consumer's name in Redis keys (its cursor and claims). Never changes.</summary>
    string Name { get; }

    /// <summary>Whether this deployment uses the channel (email: an SMTP host is configured).</summary>
    bool Enabled { get; }

    /// <summary>
    /// True: an entry whose handler died mid-way is settled unhandled rather than handled again (an
    /// email may have gone out). False: it is handled again, which must then be harmless.
    /// </summary>
    bool AtMostOnce { get; }

    /// <summary>Delivers one change: true when done (or nothing to do), false to try again later.</summary>
    Task<bool> DeliverAsync(StatusNote note, CancellationToken cancellationToken);
}
