namespace Dispatcher.Core.Events;

/// <summary>
/// A producer's event id, unique within its workspace.
/// Typed where it travels next to other ids of the same shape, so one cannot be passed in
/// another's place; only a wrapper of the string (<see cref="ToString"/> gives it back).
/// </summary>
public readonly record struct EventId(string Value)
{
    public override string ToString() => Value;
}
