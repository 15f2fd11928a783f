namespace Dispatcher.Server.Api.Events;

public sealed record EventTypeListResponse(IReadOnlyList<EventTypeResponse> Data);
