using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Testing;

/// <summary>
/// Reads an error from a server process's console: the simple formatter on one line (appsettings.json),
/// <c>fail: Category[EventId] message exception</c>, <c>crit:</c> likewise. The event's name is not printed.
/// </summary>
public static partial class ConsoleErrorLine
{
    /// <summary>The error <paramref name="line"/> reports, or null for any other line.</summary>
    public static LoggedError? Parse(string line)
    {
        var match = ErrorLine().Match(line);
        if (!match.Success)
        {
            return null;
        }
        var level = match.Groups["level"].Value == "crit" ? LogLevel.Critical : LogLevel.Error;
        var id = new EventId(int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture));
        return new LoggedError(level, match.Groups["category"].Value, id, match.Groups["message"].Value, null);
    }

    [GeneratedRegex(@"^(?<level>fail|crit): (?<category>[^\[\s]+)\[(?<id>-?\d+)\] ?(?<message>.*)$")]
    private static partial Regex ErrorLine();
}
