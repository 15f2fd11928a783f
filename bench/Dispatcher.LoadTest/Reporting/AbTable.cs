using System.Globalization;
using System.Text;

namespace Dispatcher.LoadTest.Reporting;

/// <summary>
/// bench/results/ab.md: scenario 1 run alternately on two server builds, one row per run in the
/// order they ran, then each build's median and the ratio the issue's floor is about
/// (current ÷ baseline ≥ 2.5×). Medians, because on a shared machine one run can be an outlier.
/// </summary>
public static class AbTable
{
    public const double Floor = 2.5;

    /// <param name="runs">Each run's label (<c>baseline</c> or <c>current</c>) and report, in the order they ran.</param>
    /// <param name="command">The command line that produced them, shown under the table.</param>
    public static string Render(IReadOnlyList<(string Label, ScenarioOneReport Report)> runs, string command)
    {
        var md = new StringBuilder();
        var first = runs.Count > 0 ? runs[0].Report : null;
        md.AppendLine("# Scenario 1, A/B: baseline against current, run alternately");
        md.AppendLine();
        if (first is not null)
        {
            string scale = first.Quick ? "quick mode (scaled down)" : first.Scale < 1 ? $"--scale {first.Scale.ToString(CultureInfo.InvariantCulture)}" : "full scale";
            md.AppendLine(Inv($"{first.StartedAt:yyyy-MM-dd HH:mm} UTC; {scale}: {first.Throughput.Endpoints:N0} endpoints, {first.Throughput.Events:N0} events after a {first.WarmUpEvents:N0}-event warm-up; {first.Machine.Cores} cores ({first.Machine.Cpu}), {first.Machine.DotNet}, redis-server {first.Machine.RedisVersion}."));
            md.AppendLine(Inv($"Durability: {first.Durability} ({first.Durability.Promise})."));
            md.AppendLine();
        }
        md.AppendLine("| # | build | delivered/s | acknowledged/s | CPU per event: Dispatcher / redis | complete | server |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        for (int i = 0; i < runs.Count; i++)
        {
            var (label, r) = runs[i];
            var t = r.Throughput;
            md.AppendLine(Inv($"| {i + 1} | {label} | {t.DeliveredPerSecond:N0} | {t.AckedPerSecond:N0} | {Micros(r.PerCore.PerDispatcherCore)} / {Micros(r.PerCore.PerRedisCore)} µs | {(t.Complete ? "yes" : "**no**")} | `{r.ServerBuild ?? "built beside the harness"}` |"));
        }
        md.AppendLine();
        var medians = runs.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => Median([.. g.Select(r => r.Report.Throughput.DeliveredPerSecond)]));
        foreach (var (label, median) in medians)
        {
            md.AppendLine(Inv($"- {label}: median {median:N0} delivered/s over {runs.Count(r => r.Label == label)} runs"));
        }
        if (medians.TryGetValue("baseline", out double baseline) && medians.TryGetValue("current", out double current) && baseline > 0)
        {
            double ratio = current / baseline;
            md.AppendLine(Inv($"- **current ÷ baseline = {ratio:0.00}×** (the issue's floor: ≥ {Floor}×; {(ratio >= Floor ? "met" : "not met")})"));
        }
        if (runs.Any(r => !r.Report.Throughput.Complete))
        {
            md.AppendLine("- A run timed out before every event arrived: its rate covers what arrived; do not read the ratio as a result.");
        }
        md.AppendLine();
        md.AppendLine("```sh");
        md.AppendLine(command);
        md.AppendLine("```");
        return md.ToString();
    }

    public static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return 0;
        }
        Array.Sort(values);
        int mid = values.Length / 2;
        return values.Length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static string Micros(double? perCore) => perCore is > 0 ? (1e6 / perCore.Value).ToString("0", CultureInfo.InvariantCulture) : "—";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
