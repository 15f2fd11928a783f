namespace Dispatcher.Core.Webhooks;

/// <summary>
/// The workspace (tenant) an API key, a webhook or an event belongs to.
/// Typed where it travels next to other ids of the same shape, so one cannot be passed in
/// another's place; only a wrapper of the string (<see cref="ToString"/> gives it back).
/// </summary>
public readonly record struct WorkspaceId(string Value)
{
    public override string ToString() => Value;
}
