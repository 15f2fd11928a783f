using System.Globalization;
using System.Text;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>
/// latest.md's rows for what issue 14 added: per-core figures, scenario 1 with fsync always, the
/// million-delivery backlog and the three instances, and their targets.
/// </summary>
public static class MarkdownNewRows
{
    private const double MB = 1048576.0;

    public static void Durability(StringBuilder md, LoadReport r) => md.AppendLine(string.Create(CultureInfo.InvariantCulture,
        $"Durability of every figure: {r.Durability} ({r.Durability.Promise}); scenario 1 is given again in the strictest mode this box can run, {r.StrictDurability} ({r.StrictDurability.Promise})."));

    /// <summary>Under scenario 1's rows: its per-core figures.</summary>
    public static void PerCoreRow(StringBuilder md, PerCore p) =>
        Row(md, "", "delivered/s per core used: Dispatcher / redis", $"{Value(p.PerDispatcherCore)} / {Value(p.PerRedisCore)}");

    public static void Scenarios(StringBuilder md, LoadReport r)
    {
        var s = r.ThroughputStrict;
        Row(md, $"1a. throughput with appendfsync always ({s.Endpoints:N0} endpoints, {s.Events:N0} events)", "delivered/s, first publish → last receipt",
            $"{s.DeliveredPerSecond:N0}/s ({s.Delivered:N0} in {s.Seconds:0.0} s{(s.Complete ? "" : "; INCOMPLETE")}); ÷ everysec {Ratio(s.DeliveredPerSecond, r.Throughput.DeliveredPerSecond)}");
        Row(md, "", "acknowledged/s; most any endpoint got in any 1 s", $"{s.AckedPerSecond:N0}/s; {s.MaxPerEndpointInAnySecond} (over: {s.EndpointsOverBound})");
        Row(md, "", "cores used: Dispatcher / redis", $"{s.Cpu.Dispatcher:0.00} / {s.Cpu.Redis:0.00}");
        PerCoreRow(md, r.ThroughputStrictPerCore);
        var b = r.Backlog;
        Row(md, $"6. backlog ({b.Events:N0} deliveries: {b.Endpoints} endpoints × {b.PerEndpoint:N0}, queued while disabled)",
            "Dispatcher peak RSS: while queuing and queued / while draining", $"{b.PeakRssQueuedBytes / MB:0} / {b.PeakRssDrainBytes / MB:0} MB");
        Row(md, "", "Redis memory: the backlog's / all used_memory once queued / per queued delivery",
            $"{b.RedisBacklogBytes / MB:0.0} MB / {b.RedisBytesQueued / MB:0.0} MB / {b.RedisBytesPerQueuedDelivery:N0} B ({b.Queued:N0} queued)");
        Row(md, "", "enqueue acknowledged/s", $"{b.EnqueueAckedPerSecond:N0}/s");
        Row(md, "", "drained at (release → last receipt) against the cap (endpoints × 50/s)",
            $"{b.DrainPerSecond:N0}/s of {b.CapPerSecond:N0}/s = {b.DrainToCap * 100:0.0}% ({b.Delivered:N0} in {b.DrainSeconds:0.0} s{(b.Complete ? "" : "; INCOMPLETE")}); steady seconds' median {b.SteadyDrainPerSecond:N0}/s");
        Row(md, "", "most any endpoint got in any 1 s (bound)", $"{b.MaxInAnySecond} ({b.Bound}); endpoints over: {b.EndpointsOverBound} (over in 0.9 s: {b.EndpointsOverBoundLessJitter})");
        Row(md, "", "cores used while draining: Dispatcher / redis", $"{b.DrainCpu.Dispatcher:0.00} / {b.DrainCpu.Redis:0.00}");
        if (r.Instances is { } x)
        {
            Row(md, $"7. instances (scenario 1's {x.Events:N0} events by {x.Producers} producers)", "one instance: delivered/s (Dispatcher / redis cores)",
                $"{x.One.DeliveredPerSecond:N0}/s ({x.One.DispatcherCores:0.00} / {x.One.RedisCores:0.00}){(x.One.Complete ? "" : "; INCOMPLETE")}");
            Row(md, "", $"{x.Three.Instances} instances on the same Redis: delivered/s in total (Dispatcher cores, all / redis)",
                $"{x.Three.DeliveredPerSecond:N0}/s ({x.Three.DispatcherCores:0.00} / {x.Three.RedisCores:0.00}){(x.Three.Complete ? "" : "; INCOMPLETE")}");
            Row(md, "", "three ÷ one; endpoints over their bound (one / three)", $"{Value(x.ThreeToOne, "0.00")}×; {x.One.EndpointsOverBound} / {x.Three.EndpointsOverBound}");
        }
    }

    public static void Targets(StringBuilder md, LoadReport r)
    {
        var b = r.Backlog;
        Row(md, "backlog: Dispatcher peak RSS (queued / draining)", $"{b.PeakRssQueuedBytes / MB:0} / {b.PeakRssDrainBytes / MB:0} MB", "≤ 300 MB");
        Row(md, "backlog: Redis memory of the queued deliveries", $"{b.RedisBacklogBytes / MB:0} MB", "≤ 800 MB");
        Row(md, "backlog: drained at the cap, no endpoint over", $"{b.DrainToCap * 100:0.0}% of the cap; over: {b.EndpointsOverBound}", "100%; 0");
        Row(md, "CPU per delivered event, scenario 1: Dispatcher / redis",
            $"{Micros(r.ThroughputPerCore.PerDispatcherCore)} / {Micros(r.ThroughputPerCore.PerRedisCore)} µs", "≤ 40 / ≤ 20 µs");
        if (r.Instances is { } x)
        {
            Row(md, "three instances ÷ one, delivered/s", $"{Value(x.ThreeToOne, "0.00")}×", "≥ 1 (no contention collapse)");
        }
    }

    internal static void Row(StringBuilder md, string a, string b, string c) => md.AppendLine($"| {a} | {b} | {c} |");

    private static string Value(double? v, string format = "N0") => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "—";

    /// <summary>µs of CPU per event from events per core-second.</summary>
    private static string Micros(double? perCore) => perCore is > 0 ? (1e6 / perCore.Value).ToString("0", CultureInfo.InvariantCulture) : "—";

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";
}
