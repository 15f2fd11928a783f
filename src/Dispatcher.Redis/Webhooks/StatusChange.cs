using Dispatcher.Core.Webhooks;

namespace Dispatcher.Redis.Webhooks;

/// <summary>A webhook's status before and after an outcome was counted, and its failures in a row.</summary>
public sealed record StatusChange(int ConsecutiveFailures, WebhookStatus Before, WebhookStatus After)
{
    /// <summary>The status sequence of the change when it disabled the webhook (for its hold); else 0.</summary>
    public long StatusSequence { get; init; }

    /// <summary>The sequence of the notification entry the change appended to the workspace's log; 0 when unchanged.</summary>
    public long NoteSequence { get; init; }

    public bool Changed => Before != After;
}
