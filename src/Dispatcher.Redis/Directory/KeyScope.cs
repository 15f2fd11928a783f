namespace Dispatcher.Redis.Directory;

/// <summary>What a runtime key may do in its workspace.</summary>
public enum KeyScope
{
    /// <summary>The customer API's GETs only.</summary>
    Read,

    /// <summary>Everything the customer API and <c>dispatcher listen</c> do (what a configured API key does).</summary>
    Write,

    /// <summary>gRPC ingest and status notifications for the workspace: a producer key scoped to it.</summary>
    Publish,
}
