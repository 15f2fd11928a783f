using System.Globalization;
using Dispatcher.LoadTest.Processes;

namespace Dispatcher.LoadTest.Measuring;

/// <summary>
/// With <c>--perf</c>: Redis's own account of scenario 1 — <c>INFO commandstats</c> after a
/// <c>CONFIG RESETSTAT</c> at its start — as calls and microseconds per delivered event, per command
/// (EVALSHA counts every script together; the scripts are told apart by the Dispatcher profile).
/// </summary>
public static class RedisCommandStats
{
    public static Task ResetAsync(RedisServer redis) => redis.Connection.GetServer(redis.Address).ConfigResetStatisticsAsync();

    /// <summary>Writes the table to <paramref name="file"/>, per delivered event; every command that took any time.</summary>
    public static async Task WriteAsync(RedisServer redis, long delivered, string file)
    {
        var info = await redis.Connection.GetServer(redis.Address).InfoAsync("commandstats");
        var lines = new List<string>
        {
            $"# INFO commandstats over scenario 1 ({delivered:N0} delivered)",
            "",
            "| command | calls | calls/event | usec/call | usec/event |",
            "|---|---|---|---|---|",
        };
        double totalUsec = 0;
        foreach (var (name, calls, usec) in info.SelectMany(g => g).Select(Parse).OrderByDescending(s => s.Usec))
        {
            totalUsec += usec;
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {calls:N0} | {(double)calls / delivered:0.00} | {usec / Math.Max(1, calls):0.0} | {usec / delivered:0.0} |"));
        }
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"| all | | | | {totalUsec / delivered:0.0} |"));
        await File.WriteAllLinesAsync(file, lines);
    }

    /// <summary>"cmdstat_evalsha" = "calls=10,usec=200,usec_per_call=20.00,...".</summary>
    private static (string Name, long Calls, double Usec) Parse(KeyValuePair<string, string> stat)
    {
        var fields = stat.Value.Split(',').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
        return (stat.Key.Replace("cmdstat_", ""), long.Parse(fields["calls"], CultureInfo.InvariantCulture),
            double.Parse(fields["usec"], CultureInfo.InvariantCulture));
    }
}
