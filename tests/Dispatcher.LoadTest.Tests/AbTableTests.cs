using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Reporting;
using Dispatcher.LoadTest.Scenarios;

namespace Dispatcher.LoadTest.Tests;

/// <summary>bench/ab.sh's table: each run in the order it ran, each build's median, and current ÷ baseline against the floor. No server needed.</summary>
public class AbTableTests
{
    [Fact]
    public void The_table_lists_every_run_and_compares_the_medians()
    {
        (string, ScenarioOneReport)[] runs =
        [
            ("baseline", Run(1_000)), ("current", Run(3_000)),
            ("baseline", Run(1_200)), ("current", Run(2_000)),
            ("baseline", Run(900)), ("current", Run(2_600)),
        ];

        string md = AbTable.Render(runs, "bench/ab.sh --baseline ../baseline -n 3");

        Assert.Equal(6, md.Split('\n').Count(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| #", StringComparison.Ordinal)));
        Assert.Contains("baseline: median 1,000 delivered/s over 3 runs", md, StringComparison.Ordinal);
        Assert.Contains("current: median 2,600 delivered/s over 3 runs", md, StringComparison.Ordinal);
        Assert.Contains("current ÷ baseline = 2.60×", md, StringComparison.Ordinal);
        Assert.Contains("met", md, StringComparison.Ordinal);
        Assert.Contains("appendfsync everysec", md, StringComparison.Ordinal);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two() =>
        Assert.Equal(2.5, AbTable.Median([4, 1, 2, 3]));

    private static ScenarioOneReport Run(double deliveredPerSecond)
    {
        var cpu = new CpuUse(10, 0.8, 0.5, 0.2, 0.3, 2);
        var throughput = new ThroughputResult(2_000, 300_000, 300_000, 0, 300_000 / deliveredPerSecond, deliveredPerSecond,
            deliveredPerSecond, 6, 0, 0, [], cpu, Complete: true);
        return new ScenarioOneReport(DateTimeOffset.UnixEpoch, false, 1, "/tmp/build", new MachineFacts(2, "cpu", "os", ".NET", 1, "7.0"),
            DurabilityMode.RedisAof("everysec"), 20_000, throughput, PerCore.Of(throughput));
    }
}
