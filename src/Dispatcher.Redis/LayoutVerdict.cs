namespace Dispatcher.Redis;

/// <param name="State">What was found and done.</param>
/// <param name="Stored">The layout value found (empty when absent).</param>
/// <param name="Scanned">Keys looked at by the layout-1 scan (0 when there was none).</param>
/// <param name="Changed">Layout-1 keys whose names the escaping changes.</param>
/// <param name="Example">One of them, for the operator's message.</param>
public sealed record LayoutVerdict(LayoutState State, string Stored = "", long Scanned = 0, long Changed = 0, string Example = "")
{
    /// <summary>The layout a migration started from (1 or 2); 0 when none ran.</summary>
    public int From { get; init; }

    /// <summary>Delivery logs a migration moved to their partition.</summary>
    public long MovedLogs { get; init; }
}
