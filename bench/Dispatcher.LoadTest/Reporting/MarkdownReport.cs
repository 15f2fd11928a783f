using System.Globalization;
using System.Text;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>latest.md: every figure of <see cref="LoadReport"/> in tables a reader can take in at once.</summary>
public static class MarkdownReport
{
    public static string Render(LoadReport r, string chartFile)
    {
        var md = new StringBuilder();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"# Load test {(r.Quick ? "(quick mode: scaled down, not comparable)" : r.Scale < 1 ? $"(reduced scale ×{r.Scale})" : "(full scale)")}"));
        md.AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Run {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.RunSeconds:0} s. Machine: {r.Machine.Cores} cores ({r.Machine.Cpu}), {r.Machine.MemoryBytes / (1 << 20):N0} MB, {r.Machine.Os}, {r.Machine.DotNet}, redis-server {r.Machine.RedisVersion}."));
        md.AppendLine("Everything (Dispatcher, redis-server, receiver, producer, wrk, peers) shares these cores.");
        MarkdownNewRows.Durability(md, r);
        md.AppendLine();
        md.AppendLine("## Scenarios");
        md.AppendLine();
        md.AppendLine("| scenario | figure | value |");
        md.AppendLine("|---|---|---|");
        var t = r.Throughput;
        Row(md, $"1. throughput ({t.Endpoints:N0} endpoints, {t.Events:N0} events)", "delivered/s, first publish → last receipt", $"{t.DeliveredPerSecond:N0}/s ({t.Delivered:N0} delivered in {t.Seconds:0.0} s{Incomplete(t.Complete)})");
        Row(md, "", "acknowledged/s during it", $"{t.AckedPerSecond:N0}/s");
        Row(md, "", "most any endpoint got in any 1 s (bound 60)", $"{t.MaxPerEndpointInAnySecond}; endpoints over: {t.EndpointsOverBound} (over in 0.9 s, i.e. beyond 100 ms of arrival jitter: {t.EndpointsOverBoundLessJitter})");
        Row(md, "", $"cores used (of {t.Cpu.Cores}): Dispatcher / redis / receiver / rest", $"{t.Cpu.Dispatcher:0.00} / {t.Cpu.Redis:0.00} / {t.Cpu.Harness:0.00} / {t.Cpu.Others:0.00} (rest: producer and anything else running)");
        Row(md, "", "CPU per delivered event: Dispatcher / redis / receiver", $"{PerEvent(t.Cpu.Dispatcher, t)} / {PerEvent(t.Cpu.Redis, t)} / {PerEvent(t.Cpu.Harness, t)} µs");
        MarkdownNewRows.PerCoreRow(md, r.ThroughputPerCore);
        var l = r.Latency;
        Row(md, $"2. latency ({l.RatePerSecond:N0}/s steady, {l.Events:N0} events)", "ack → receipt p50 / p99 / p99.9", $"{l.AckToReceiptP50Ms:0.0} / {l.AckToReceiptP99Ms:0.0} / {l.AckToReceiptP999Ms:0.0} ms{Incomplete(l.Complete)}");
        Row(md, "", "publish → receipt p50 / p99 / p99.9", $"{l.PublishToReceiptP50Ms:0.0} / {l.PublishToReceiptP99Ms:0.0} / {l.PublishToReceiptP999Ms:0.0} ms");
        Row(md, "", "publish → ack p50 / p99 (the producer's wait)", $"{l.PublishToAckP50Ms:0.0} / {l.PublishToAckP99Ms:0.0} ms");
        var b = r.Burst;
        Row(md, $"3. burst ({b.Events:N0} events, {b.Endpoints} endpoints)", "most any endpoint got in any 1 s (bound)", $"{b.MaxInAnySecond} ({b.Bound}); endpoints over: {b.EndpointsOverBound} (over in 0.9 s: {b.EndpointsOverBoundLessJitter})");
        Row(md, "", "Dispatcher peak RSS over the phase", $"{b.PeakRssBytes / 1048576.0:0} MB");
        Row(md, "", "Redis memory per queued delivery", $"{b.RedisBytesPerQueuedDelivery:N0} B ({(b.RedisBytesAfter - b.RedisBytesBefore) / 1048576.0:0.0} MB for {b.Events:N0})");
        Row(md, "", "backlog drained at", $"{b.DrainPerSecond:N0}/s ({b.Delivered:N0} in {b.DrainSeconds:0.0} s{Incomplete(b.Complete)})");
        Row(md, "", "enqueue acknowledged/s", $"{b.EnqueueAckedPerSecond:N0}/s");
        var i = r.Ingest;
        Row(md, $"4. ingest ({i.Events:N0} events, one subscriber each)", "acknowledged (durable) events/s", $"{i.AckedPerSecond:N0}/s ({i.Accepted:N0} accepted, {i.Rejected} not)");
        var x = r.CrossInstance;
        Row(md, $"5. cross-instance ({x.RatePerSecond:N0}/s steady into one of two instances, {x.Events:N0} events; partitions held {x.PartitionsHeldByPublisher} / {x.PartitionsHeldByOther})",
            "ack → receipt p50 / p99 / p99.9, delivered by the ingesting instance", $"{Figures(x.SameInstance)}{Incomplete(x.Complete)}");
        Row(md, "", "… delivered by the other instance (woken through Redis pub/sub)", Figures(x.CrossInstance));
        Row(md, "", "cross ÷ same, p50 / p99 / p99.9", $"{Ratio(x.CrossToSameP50, "0.0×")} / {Ratio(x.CrossToSameP99, "0.0×")} / {Ratio(x.CrossToSameP999, "0.0×")}");
        Row(md, "", "second instance started → partitions split", $"{x.SplitSeconds:0.0} s");
        MarkdownNewRows.Scenarios(md, r);
        md.AppendLine();
        md.AppendLine("## Ceilings and peers (same run, same receiver, same redis-server)");
        md.AppendLine();
        md.AppendLine("| what | per second | note |");
        md.AppendLine("|---|---|---|");
        foreach (var c in r.Ceilings)
        {
            Row(md, c.Name, c.Skipped is null ? $"{c.PerSecond:N0}" : "—", c.Skipped ?? $"`{c.Command}`");
        }
        foreach (var p in r.Peers)
        {
            Row(md, $"peer {p.Name} (N={p.Events:N0}, ENDPOINTS={p.Endpoints:N0})", p.Skipped is null ? $"{p.DeliveredPerSecond:N0}" : "—",
                p.Skipped ?? $"{p.Seconds:0.0} s; receiver saw {p.Received:N0}, bad signatures {p.BadSignatures} of {p.SignaturesChecked} checked");
        }
        Row(md, "Dispatcher (scenario 1)", $"{t.DeliveredPerSecond:N0}", "delivered/s, signed, durable, rate-limited per endpoint");
        md.AppendLine();
        md.AppendLine("## Ratios and the issue's targets");
        md.AppendLine();
        md.AppendLine("| ratio | value | target |");
        md.AppendLine("|---|---|---|");
        Row(md, "delivered/s ÷ wrk ceiling", Ratio(r.Ratios.DeliveredToWrkCeiling, "0.0%"), "≥ 40%");
        Row(md, "Dispatcher ÷ BullMQ", Ratio(r.Ratios.DispatcherToBullMq, "0.0×"), "≥ 4×");
        Row(md, "Dispatcher ÷ Hangfire", Ratio(r.Ratios.DispatcherToHangfire, "0.0×"), "≥ 40×");
        Row(md, "latency p99 at 20% load", $"{l.AckToReceiptP99Ms:0.0} ms", "≤ 20 ms");
        Row(md, "endpoints over their bound in any 1 s (throughput + burst)", $"{t.EndpointsOverBound + b.EndpointsOverBound} (beyond 100 ms jitter: {t.EndpointsOverBoundLessJitter + b.EndpointsOverBoundLessJitter})", "0");
        Row(md, "cross-instance ack → receipt p99 (cross ÷ same)", $"{x.CrossInstance.AckToReceipt.P99Ms:0.0} ms ({Ratio(x.CrossToSameP99, "0.0×")})", $"well under the idle poll ({x.IdlePollMs:N0} ms)");
        Row(md, "peak RSS during the burst", $"{b.PeakRssBytes / 1048576.0:0} MB", "< 300 MB");
        MarkdownNewRows.Targets(md, r);
        md.AppendLine();
        var s = r.Signatures;
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Signatures: {s.Checked:N0} sampled deliveries checked, **{s.Bad} bad**. Duplicates {s.Duplicates}, misrouted {s.Misrouted}, unparsed {s.Unparsed}."));
        md.AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"![delivered/s over time and per-endpoint rates]({chartFile})"));
        if (r.Notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Notes");
            md.AppendLine();
            foreach (string note in r.Notes)
            {
                md.AppendLine("- " + note);
            }
        }
        return md.ToString();
    }

    private static void Row(StringBuilder md, string a, string b, string c) => MarkdownNewRows.Row(md, a, b, c);

    /// <summary>Cores used × the CPU phase's length ÷ events delivered, in µs of CPU per event.</summary>
    private static string PerEvent(double cores, Scenarios.ThroughputResult t) =>
        t.Delivered > 0 ? (cores * t.Cpu.Seconds / t.Delivered * 1e6).ToString("0", CultureInfo.InvariantCulture) : "—";

    private static string Figures(Scenarios.InstanceDeliveries side) => string.Create(CultureInfo.InvariantCulture,
        $"{side.AckToReceipt.P50Ms:0.0} / {side.AckToReceipt.P99Ms:0.0} / {side.AckToReceipt.P999Ms:0.0} ms ({side.Delivered:N0} deliveries to {side.Endpoints:N0} endpoints)");

    private static string Incomplete(bool complete) => complete ? "" : "; INCOMPLETE: timed out";

    private static string Ratio(double? value, string format) =>
        value is { } v ? (format.EndsWith('%') ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : v.ToString("0.0", CultureInfo.InvariantCulture) + "×") : "not measured";
}
