using System.Text.Json;

namespace Dispatcher.LoadTest.Tests;

/// <summary>
/// Proves the one-command harness works end to end: it starts everything, runs every scenario and
/// writes a report whose figures are real (non-zero, complete, every signature good). It asserts no
/// time and no rate: those are benchmark figures, not test outcomes.
/// </summary>
public class QuickRunTests(ITestOutputHelper output)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

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
        Assert.Equal(PngSignature, File.ReadAllBytes(png).Take(PngSignature.Length));
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

        var signatures = root.GetProperty("signatures");
        Assert.True(signatures.GetProperty("checked").GetInt64() > 0, "the receiver should have checked a sample of signatures");
        Assert.Equal(0, signatures.GetProperty("bad").GetInt64());
        Assert.Equal(0, signatures.GetProperty("misrouted").GetInt64());

        var redisCeiling = root.GetProperty("ceilings").EnumerateArray().Single(c => c.GetProperty("name").GetString()!.StartsWith("redis-benchmark", StringComparison.Ordinal));
        Assert.True(redisCeiling.GetProperty("skipped").ValueKind == JsonValueKind.Null, "redis-benchmark comes with redis-server and should run");
        Assert.True(redisCeiling.GetProperty("perSecond").GetDouble() > 0);
    }
}
