using System.Text.Json;

namespace Dispatcher.Server.Api.Events;

/// <summary>An accepted event as producers published it (catalogue type name), format-neutral.</summary>
public sealed record EventResponse(string Id, string Type, DateTime CreatedAt, string WorkspaceId, JsonElement Data);
