namespace Dispatcher.Core.Webhooks;

/// <summary>
/// A webhook's id (<c>wh_…</c>).
/// Typed where it travels next to other ids of the same shape, so one cannot be passed in
/// another's place; only a wrapper of the string (<see cref="ToString"/> gives it back).
/// </summary>
public readonly record struct WebhookId(string Value)
{
    public override string ToString() => Value;
}
