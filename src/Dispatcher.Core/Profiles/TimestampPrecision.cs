namespace Dispatcher.Core.Profiles;

/// <summary>How an envelope writes its ISO 8601 UTC timestamp, as each seed's examples show it.</summary>
public enum TimestampPrecision
{
    /// <summary><c>2026-05-13T05:42:00.123Z</c></summary>
    Milliseconds,

    /// <summary><c>2026-02-25T14:30:00Z</c></summary>
    Seconds,
}
