using System.Globalization;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>How pages write times and durations: UTC, to the second, the same on every instance and for every viewer.</summary>
public static class Format
{
    public static string Time(DateTimeOffset? at) =>
        at is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "–";

    public static string Time(DateTime? at) => Time(at is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null);

    /// <summary>A ratio as a percentage to a tenth, never rounded up to 100% while anything failed.</summary>
    public static string Percent(double? ratio) =>
        ratio is { } r ? (Math.Floor(r * 1000) / 10).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "–";

    public static string Milliseconds(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";
}
