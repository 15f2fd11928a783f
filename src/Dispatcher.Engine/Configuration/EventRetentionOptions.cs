namespace Dispatcher.Engine.Configuration;

/// <summary>How long event bodies live: the engine forgets failures it could no longer send again after that.</summary>
public sealed class EventRetentionOptions
{
    /// <summary>Bound from <c>Dispatcher:Ingest:DedupeWindow</c>. Default 7 days.</summary>
    public TimeSpan Bodies { get; set; } = TimeSpan.FromDays(7);
}
