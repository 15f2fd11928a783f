namespace Dispatcher.Redis.Ingest;

/// <summary>What the store made of one event.</summary>
public enum IngestOutcome
{
    /// <summary>Durable for every target.</summary>
    Accepted,
    /// <summary>(workspace, id) was accepted before; nothing new was written.</summary>
    Duplicate,
}
