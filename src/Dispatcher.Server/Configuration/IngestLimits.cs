namespace Dispatcher.Server.Configuration;

/// <summary>The size limits ingest derives from <see cref="IngestOptions"/>.</summary>
public static class IngestLimits
{
    /// <summary>
    /// Room per event for everything but <c>data</c>: id and workspace (at most 128 ASCII characters
    /// each when valid), type, created_at and the protobuf tags and lengths, with margin.
    /// </summary>
    public const int EventOverheadBytes = 1024;

    /// <summary>The smallest request limit that still lets one event of the largest allowed data through.</summary>
    public static long SmallestRequestBytes(IngestOptions ingest) => (long)ingest.MaxEventBytes + EventOverheadBytes;
}
