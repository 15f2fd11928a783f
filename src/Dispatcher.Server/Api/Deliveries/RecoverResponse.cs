namespace Dispatcher.Server.Api.Deliveries;

/// <summary>
/// What recover did: <paramref name="Queued"/> sent again now; <paramref name="AlreadyDelivered"/> left alone
/// (a replay of it succeeded since); <paramref name="NotRecovered"/> how many could not be sent again, and why.
/// <paramref name="Expired"/> is <c>notRecovered.expired</c>, kept at the top level as the API always answered it.
/// </summary>
public sealed record RecoverResponse(int Queued, int Expired, int AlreadyDelivered, NotRecovered NotRecovered);
