using Microsoft.Extensions.Logging;

namespace Dispatcher.Testing;

/// <summary>
/// A log at Error or Critical, from the in-process server's logger or a server process's console
/// (there the event has its id but no name, and the exception is the text printed after the line).
/// </summary>
public sealed record LoggedError(LogLevel Level, string Category, EventId EventId, string Message, string? Exception)
{
    public override string ToString() =>
        $"{Level} {Category}[{EventId.Name ?? EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}] {Message}" +
        (Exception is null ? "" : "\n" + Exception);
}
