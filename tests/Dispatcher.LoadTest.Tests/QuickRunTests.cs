using System.Text.Json;
using Dispatcher.LoadTest.Reporting;

namespace Dispatcher.LoadTest.Tests;

/// <summary>
/// Proves the one-command harness works end to end: it starts everything, runs every scenario and
/// writes a report whose figures are real (non-zero, complete, every signature good). It asserts no
/// time and no rate: those are benchmark figures, not test outcomes.
/// </summary>
public class QuickRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Quick_mode_writes_a_complete_report_with_no_bad_signature()
    {
        using var run = new QuickRun();
        try
        {
            await run.RunAsync();
        }
        finally
        {
            lock (run.Output)
            {
                run.Output.ForEach(output.WriteLine);
            }
        }

        Assert.Equal(0, run.ExitCode);
        string json = Path.Combine(run.OutputDirectory, "latest.json");
        string md = Path.Combine(run.OutputDirectory, "latest.md");
        string png = Path.Combine(run.OutputDirectory, "latest.png");
        Assert.True(File.Exists(json) && File.Exists(md) && File.Exists(png), "latest.json, latest.md and latest.png should all be written");
        using (var chart = ChartImage.Decode(File.ReadAllBytes(png)))
        {
            Assert.True(ChartImage.DrawsALineOf(chart, LoadChart.Throughput), "latest.png should draw the run's throughput line");
        }
        Assert.Contains("Ratios and the issue's targets", File.ReadAllText(md), StringComparison.Ordinal);

        using var report = JsonDocument.Parse(File.ReadAllText(json));
        var root = report.RootElement;
        Assert.True(root.GetProperty("quick").GetBoolean());
        Assert.True(root.GetProperty("machine").GetProperty("cores").GetInt32() > 0);

        var throughput = root.GetProperty("throughput");
        Assert.True(throughput.GetProperty("complete").GetBoolean(), "every throughput event should arrive");
        Assert.Equal(throughput.GetProperty("events").GetInt32(), throughput.GetProperty("delivered").GetInt64());
        Assert.True(throughput.GetProperty("deliveredPerSecond").GetDouble() > 0);
        Assert.NotEmpty(throughput.GetProperty("deliveredPerSecondSeries").EnumerateArray());

        var latency = root.GetProperty("latency");
        Assert.True(latency.GetProperty("complete").GetBoolean(), "every latency event should arrive");
        Assert.True(latency.GetProperty("publishToReceiptP50Ms").GetDouble() > 0);
        Assert.True(latency.GetProperty("ackToReceiptP999Ms").GetDouble() >= latency.GetProperty("ackToReceiptP50Ms").GetDouble());

        var burst = root.GetProperty("burst");
        Assert.True(burst.GetProperty("complete").GetBoolean(), "the whole burst backlog should drain");
        Assert.Equal(burst.GetProperty("events").GetInt32(), burst.GetProperty("delivered").GetInt64());
        Assert.True(burst.GetProperty("maxInAnySecond").GetInt32() > 0);
        Assert.True(burst.GetProperty("peakRssBytes").GetInt64() > 0);
        Assert.True(burst.GetProperty("redisBytesPerQueuedDelivery").GetDouble() > 0);

        var ingest = root.GetProperty("ingest");
        Assert.Equal(ingest.GetProperty("events").GetInt32(), ingest.GetProperty("accepted").GetInt64());
        Assert.True(ingest.GetProperty("ackedPerSecond").GetDouble() > 0);

        AssertCrossInstance(root.GetProperty("crossInstance"));
        Assert.Contains("5. cross-instance", File.ReadAllText(md), StringComparison.Ordinal);

        ScaleFiguresShape.AssertDurability(root);
        ScaleFiguresShape.AssertBacklog(root.GetProperty("backlog"));
        ScaleFiguresShape.AssertStrictThroughput(root.GetProperty("throughputStrict"));
        ScaleFiguresShape.AssertPerCore(root.GetProperty("throughputPerCore"));
        ScaleFiguresShape.AssertPerCore(root.GetProperty("throughputStrictPerCore"));
        ScaleFiguresShape.AssertInstances(root.GetProperty("instances"));
        foreach (string row in new[] { "6. backlog", "1a. throughput with appendfsync always", "7. instances", "Durability of every figure" })
        {
            Assert.Contains(row, File.ReadAllText(md), StringComparison.Ordinal);
        }

        var signatures = root.GetProperty("signatures");
        Assert.True(signatures.GetProperty("checked").GetInt64() > 0, "the receiver should have checked a sample of signatures");
        Assert.Equal(0, signatures.GetProperty("bad").GetInt64());
        Assert.Equal(0, signatures.GetProperty("misrouted").GetInt64());

        var redisCeiling = root.GetProperty("ceilings").EnumerateArray().Single(c => c.GetProperty("name").GetString()!.StartsWith("redis-benchmark", StringComparison.Ordinal));
        Assert.True(redisCeiling.GetProperty("skipped").ValueKind == JsonValueKind.Null, "redis-benchmark comes with redis-server and should run");
        Assert.True(redisCeiling.GetProperty("perSecond").GetDouble() > 0);
    }

    /// <summary>Both instances held partitions and delivered, every delivery is classed on one side, and each side has its percentiles.</summary>
    private static void AssertCrossInstance(JsonElement cross)
    {
        Assert.True(cross.GetProperty("complete").GetBoolean(), "every cross-instance event should arrive");
        long delivered = cross.GetProperty("delivered").GetInt64();
        Assert.Equal(cross.GetProperty("events").GetInt32(), delivered);
        int heldHere = cross.GetProperty("partitionsHeldByPublisher").GetInt32(), heldThere = cross.GetProperty("partitionsHeldByOther").GetInt32();
        Assert.True(heldHere > 0 && heldThere > 0, $"both instances should hold partitions ({heldHere} / {heldThere})");
        Assert.Equal(cross.GetProperty("partitions").GetInt32(), heldHere + heldThere);
        var same = cross.GetProperty("sameInstance");
        var other = cross.GetProperty("crossInstance");
        Assert.Equal(delivered, same.GetProperty("delivered").GetInt64() + other.GetProperty("delivered").GetInt64());
        foreach (var side in new[] { same, other })
        {
            Assert.True(side.GetProperty("endpoints").GetInt32() > 0 && side.GetProperty("delivered").GetInt64() > 0, "each instance should deliver for some endpoints");
            var ack = side.GetProperty("ackToReceipt");
            foreach (string percentile in new[] { "p50Ms", "p99Ms", "p999Ms" })
            {
                Assert.True(double.IsFinite(ack.GetProperty(percentile).GetDouble()) && ack.GetProperty(percentile).GetDouble() >= 0, percentile);
            }
        }
        Assert.True(other.GetProperty("ackToReceipt").GetProperty("p999Ms").GetDouble() > 0, "a cross-instance delivery takes some time");
        foreach (string ratio in new[] { "crossToSameP50", "crossToSameP99", "crossToSameP999" })
        {
            var value = cross.GetProperty(ratio);
            Assert.True(value.ValueKind == JsonValueKind.Null || (double.IsFinite(value.GetDouble()) && value.GetDouble() > 0), ratio);
        }
    }
}
