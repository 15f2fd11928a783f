namespace Dispatcher.Server.Api.Deliveries;

/// <summary><c>GET /v1/events/{id}/deliveries</c>: every webhook of the workspace the event went to.</summary>
public sealed record EventDeliveriesResponse(string EventId, IReadOnlyList<EventDeliveryResponse> Data);
