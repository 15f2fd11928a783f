namespace Dispatcher.Redis.Aggregation;

/// <summary>One accepted click to count.</summary>
/// <param name="LinkKey">The link it counts for; empty when the event named no link.</param>
public sealed record ClickToCount(string WorkspaceId, string EventId, string LinkKey);
