using System.Globalization;
using Dispatcher.LoadTest.Processes;

namespace Dispatcher.LoadTest.Ceilings;

/// <summary>
/// The Redis ceiling: <c>redis-benchmark</c> ZADD, pipelined, against the same redis-server, in a
/// database of its own (9) so it never touches Dispatcher's keys.
/// </summary>
public static class RedisBenchmarkCeiling
{
    public const string Name = "redis-benchmark ZADD";

    private const int Pipeline = 64;

    public static async Task<CeilingResult> RunAsync(RedisServer redis, int requests, string logDirectory)
    {
        string? tool = Tools.Find("redis-benchmark");
        if (tool is null)
        {
            return CeilingResult.Skip(Name, "redis-benchmark is not installed (it comes with redis-server: apt-get install redis-server)");
        }
        string[] arguments =
        [
            "-h", "127.0.0.1", "-p", redis.Port.ToString(CultureInfo.InvariantCulture), "--dbnum", "9",
            "-t", "zadd", "-n", requests.ToString(CultureInfo.InvariantCulture), "-P", Pipeline.ToString(CultureInfo.InvariantCulture),
            "-c", "50", "--csv",
        ];
        await using var process = ChildProcess.Start("redis-benchmark", tool, arguments, logDirectory);
        await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
        // CSV: "test","rps",… — the ZADD line's second field.
        foreach (string line in process.Lines)
        {
            string[] fields = line.Split(',');
            if (fields.Length > 1 && fields[0].Trim('"').StartsWith("ZADD", StringComparison.Ordinal)
                && double.TryParse(fields[1].Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out double rps))
            {
                return new CeilingResult(Name, rps, "redis-benchmark " + string.Join(' ', arguments), null);
            }
        }
        return CeilingResult.Skip(Name, "redis-benchmark printed no ZADD line; see redis-benchmark.log");
    }
}
