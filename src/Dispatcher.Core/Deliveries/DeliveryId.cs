namespace Dispatcher.Core.Deliveries;

/// <summary>
/// One event × one webhook (<c>dlv_…</c>, see <see cref="Webhooks.WebhookIds.DeliveryId"/>).
/// Typed where it travels next to other ids of the same shape, so one cannot be passed in
/// another's place; only a wrapper of the string (<see cref="ToString"/> gives it back).
/// </summary>
public readonly record struct DeliveryId(string Value)
{
    public override string ToString() => Value;
}
