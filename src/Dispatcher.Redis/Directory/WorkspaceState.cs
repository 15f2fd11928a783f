namespace Dispatcher.Redis.Directory;

/// <summary>Where a runtime workspace stands.</summary>
public enum WorkspaceState
{
    Active,

    /// <summary>Ingest and writes refused, queued deliveries held until it is resumed.</summary>
    Suspended,

    /// <summary>A tombstone: its keys and webhooks are gone, ingest for it is refused; its id may be created again.</summary>
    Deleted,
}
