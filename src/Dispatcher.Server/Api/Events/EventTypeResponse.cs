namespace Dispatcher.Server.Api.Events;

/// <summary>One catalogue event: the name producers publish, what it means, and each format's name for it.</summary>
public sealed record EventTypeResponse(string Name, string Description, IReadOnlyDictionary<string, string> Formats);
