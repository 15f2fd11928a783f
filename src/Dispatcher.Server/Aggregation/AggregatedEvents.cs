namespace Dispatcher.Server.Aggregation;

/// <summary>The event types click aggregation reads and writes.</summary>
public static class AggregatedEvents
{
    /// <summary>What producers publish, one per click.</summary>
    public const string Click = "link.clicked";

    /// <summary>What subscribers get, one per closed non-empty window.</summary>
    public const string Aggregated = "link.clicked.aggregated";
}
