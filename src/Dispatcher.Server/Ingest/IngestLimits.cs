using Dispatcher.Server.Configuration;

namespace Dispatcher.Server.Ingest;

/// <summary>The size limits ingest derives from <see cref="IngestOptions"/>.</summary>
public static class IngestLimits
{
    /// <summary>
    /// Room per event for everything but <c>data</c>: id and workspace (at most 128 ASCII characters
    /// each when valid), type, created_at and the protobuf tags and lengths, with margin.
    /// </summary>
    public const int EventOverheadBytes = 1024;

    /// <summary>
    /// The gRPC receive limit of ingest: a request of <see cref="IngestOptions.MaxEventsPerRequest"/>
    /// events, each with <see cref="IngestOptions.MaxEventBytes"/> of data, fits, so a request is only
    /// ever refused whole when it could not have been valid. 1,000 × (256 KiB + 1 KiB) by default.
    /// </summary>
    public static long MaxRequestBytes(IngestOptions ingest) =>
        (long)ingest.MaxEventsPerRequest * ((long)ingest.MaxEventBytes + EventOverheadBytes);
}
