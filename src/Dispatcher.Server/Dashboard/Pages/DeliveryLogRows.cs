using Dispatcher.Core.Deliveries;
using Dispatcher.Server.Api.Deliveries;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>
/// A page of the delivery log as the dashboard shows it: one row per delivery, its newest attempt
/// standing for it. The API's page holds each delivery's attempts together, newest first.
/// </summary>
public sealed record DeliveryLogRows(IReadOnlyList<DeliveryLogEntry> Rows, IReadOnlyDictionary<string, int> AttemptCounts, string? NextCursor)
{
    public static readonly DeliveryLogRows Empty = new([], new Dictionary<string, int>(), null);

    /// <summary>
    /// How many attempts the delivery has had, replays included (an attempt's own number restarts at 1
    /// with a replay). A delivery cut by the page's end counts the attempts on this page.
    /// </summary>
    public int AttemptsOf(DeliveryLogEntry row) => AttemptCounts[row.DeliveryId];

    public static DeliveryLogRows Of(DeliveryListResponse page)
    {
        var counts = page.Data.CountBy(entry => entry.DeliveryId, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = page.Data.Where(entry => seen.Add(entry.DeliveryId)).ToList();
        return new DeliveryLogRows(rows, counts, page.NextCursor);
    }
}
