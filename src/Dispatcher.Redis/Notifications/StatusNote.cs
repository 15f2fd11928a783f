using System.Globalization;
using Dispatcher.Core.Webhooks;

namespace Dispatcher.Redis.Notifications;

/// <summary>
/// One entry of a workspace's notification log: a webhook's status changed (note_append.lua).
/// <paramref name="Sequence"/> orders the workspace's entries and is what cursors count.
/// </summary>
/// <param name="Type">The notification event type, e.g. <c>webhook.disabled</c> (Core's <c>OwnerNotificationEvents</c>).</param>
public sealed record StatusNote(
    long Sequence, string WorkspaceId, string Type, string WebhookId, WebhookStatus Status, DateTimeOffset At, string Endpoint, string Reason)
{
    /// <summary>Reads an entry as the script wrote it; null for one this version cannot read.</summary>
    public static StatusNote? Parse(string workspaceId, string entry)
    {
        // The reason is last: the only free text, it may hold the separator and is kept whole.
        var lines = entry.Split('\n', 7);
        if (lines.Length != 7
            || !long.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out long sequence)
            || !Enum.TryParse<WebhookStatus>(lines[3], out var status)
            || !long.TryParse(lines[4], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long atMs))
        {
            return null;
        }
        return new StatusNote(sequence, workspaceId, lines[1], lines[2], status, DateTimeOffset.FromUnixTimeMilliseconds(atMs), lines[5], lines[6]);
    }
}
