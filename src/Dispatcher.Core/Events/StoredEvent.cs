namespace Dispatcher.Core.Events;

/// <summary>
/// An accepted event as Dispatcher keeps it: format-neutral, so each webhook's format can
/// render its own envelope from it.
/// </summary>
/// <param name="Data">The producer's JSON object, UTF-8, validated at ingest.</param>
public sealed record StoredEvent(
    string Id,
    string WorkspaceId,
    string Type,
    DateTimeOffset CreatedAt,
    ReadOnlyMemory<byte> Data);
