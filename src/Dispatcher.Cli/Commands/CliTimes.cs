using System.Globalization;

namespace Dispatcher.Cli.Commands;

/// <summary>Times given on the command line: ISO 8601 (<c>2026-11-24T00:00:00Z</c>), or a span back from now (<c>90s</c>, <c>30m</c>, <c>2h</c>, <c>7d</c>).</summary>
internal static class CliTimes
{
    /// <summary>The time as the API takes it (ISO 8601, UTC); null when <paramref name="text"/> is null.</summary>
    public static string? ToApi(string? text, string option, TimeProvider? time = null)
    {
        if (text is null)
        {
            return null;
        }
        if (text.Length > 1 && "smhd".Contains(text[^1], StringComparison.Ordinal)
            && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double amount))
        {
            var span = text[^1] switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
            return Format((time ?? TimeProvider.System).GetUtcNow() - span);
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return Format(at);
        }
        throw new CliException(ExitCodes.Usage, $"{option} must be an ISO 8601 time (2026-11-24T00:00:00Z) or a span back from now (30m, 2h, 7d)");
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
