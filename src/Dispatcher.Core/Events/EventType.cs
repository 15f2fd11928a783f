namespace Dispatcher.Core.Events;

/// <summary>One entry of the event catalogue: the name producers publish and what it means.</summary>
public sealed record EventType(string Name, string Description);
