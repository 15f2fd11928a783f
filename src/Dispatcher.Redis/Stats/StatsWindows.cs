namespace Dispatcher.Redis.Stats;

/// <summary>The wire names of <see cref="StatsWindow"/> (<c>hour</c>, <c>day</c>), for the API's query and the dashboard's chart.</summary>
public static class StatsWindows
{
    public const string Hour = "hour";
    public const string Day = "day";

    public static string Name(StatsWindow window) => window == StatsWindow.Day ? Day : Hour;

    /// <summary>Exactly as written (lower case), like the API's other enumerations; absent is <c>hour</c>.</summary>
    public static bool TryParse(string? name, out StatsWindow window)
    {
        (bool known, window) = name switch
        {
            null or Hour => (true, StatsWindow.Hour),
            Day => (true, StatsWindow.Day),
            _ => (false, StatsWindow.Hour),
        };
        return known;
    }
}
