using System.Globalization;
using StackExchange.Redis;

namespace Dispatcher.Testing;

/// <summary>Redis's own count of the commands it ran (<c>INFO commandstats</c>), for tests that count round trips.</summary>
public static class CommandStats
{
    /// <summary>Calls per command since the server started or the last <c>CONFIG RESETSTAT</c>.</summary>
    public static async Task<Dictionary<string, long>> ReadAsync(IDatabase db)
    {
        string info = (await db.ExecuteAsync("INFO", "commandstats")).ToString();
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string line in info.Split('\n'))
        {
            // cmdstat_evalsha:calls=12,usec=...
            if (line.StartsWith("cmdstat_", StringComparison.Ordinal) && line.IndexOf(":calls=", StringComparison.Ordinal) is int at and > 0)
            {
                calls[line["cmdstat_".Length..at]] = long.Parse(line[(at + ":calls=".Length)..].Split(',')[0], CultureInfo.InvariantCulture);
            }
        }
        return calls;
    }

    /// <summary>Scripts run so far, called by SHA or by text.</summary>
    public static async Task<long> ScriptCallsAsync(IDatabase db)
    {
        var calls = await ReadAsync(db);
        return calls.GetValueOrDefault("evalsha") + calls.GetValueOrDefault("eval");
    }
}
