namespace Dispatcher.Server.Api.Deliveries;

/// <summary>
/// Failed deliveries recover found but could not send again: <paramref name="Expired"/>, their event's body is
/// past its retention (<c>Dispatcher:Ingest:DedupeWindow</c>); <paramref name="WebhookDeleted"/>, the webhook
/// was deleted while recovering.
/// </summary>
public sealed record NotRecovered(int Total, int Expired, int WebhookDeleted);
