namespace Dispatcher.Server.Api.OpenApi;

/// <summary>The answer to a replay: the delivery is queued to be sent again now.</summary>
/// <param name="Status">Always <c>queued</c>.</param>
public sealed record ReplayResponse(string DeliveryId, string Status);
