namespace Dispatcher.Server.Configuration;

/// <summary>Limits on what producers send.</summary>
public sealed class IngestOptions
{
    /// <summary>Largest <c>data</c> accepted, in bytes. Default 256 KiB.</summary>
    public int MaxEventBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Most events in one PublishRequest; a longer one gets every event rejected (TOO_MANY_EVENTS).
    /// Default 1,000 (the SDK sends at most 500). With <see cref="MaxEventBytes"/> it sets the
    /// receive limit of the ingest stream (Ingest/IngestLimits.cs).
    /// </summary>
    public int MaxEventsPerRequest { get; set; } = 1000;

    /// <summary>How long (workspace, id) is remembered for dedupe; event bodies live as long. Default 7 days (CD4CD's).</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromDays(7);
}
