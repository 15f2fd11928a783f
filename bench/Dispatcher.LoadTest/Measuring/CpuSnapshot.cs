using System.Globalization;

namespace Dispatcher.LoadTest.Measuring;

/// <summary>
/// CPU time so far (user + system, seconds) of the processes that matter and of the whole machine,
/// from /proc. Two snapshots around a phase say where its cores went: Dispatcher, redis-server, the
/// harness (the receiver), and everything else (the producer, other work on the machine).
/// </summary>
public sealed record CpuSnapshot(long WallMicros, double Dispatcher, double Redis, double Harness, double MachineBusy)
{
    // USER_HZ: the unit of /proc's CPU times on every Linux the harness runs on.
    private const double TicksPerSecond = 100;

    public static CpuSnapshot Take(int dispatcherPid, int redisPid) => new(
        Receiving.Clock.NowMicros(), ProcessSeconds(dispatcherPid), ProcessSeconds(redisPid), ProcessSeconds(Environment.ProcessId), MachineBusySeconds());

    /// <summary>The phase between <paramref name="start"/> and this snapshot, as cores used on average.</summary>
    public CpuUse Since(CpuSnapshot start)
    {
        double wall = Math.Max(1e-6, (WallMicros - start.WallMicros) / 1e6);
        double dispatcher = (Dispatcher - start.Dispatcher) / wall, redis = (Redis - start.Redis) / wall, harness = (Harness - start.Harness) / wall;
        double busy = (MachineBusy - start.MachineBusy) / wall;
        return new CpuUse(wall, dispatcher, redis, harness, Math.Max(0, busy - dispatcher - redis - harness), Environment.ProcessorCount);
    }

    private static double ProcessSeconds(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command (which may hold spaces) start after the last ')'; utime and stime are the 14th and 15th.
            string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    private static double MachineBusySeconds()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal …": busy is all but idle and iowait.
            string[] f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double[] v = [.. f.Skip(1).Take(8).Select(x => double.Parse(x, CultureInfo.InvariantCulture))];
            return (v.Sum() - v[3] - v[4]) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
