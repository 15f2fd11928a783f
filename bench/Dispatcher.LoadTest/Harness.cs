using System.Diagnostics;
using System.Text.Json;
using Dispatcher.LoadTest.Ceilings;
using Dispatcher.LoadTest.Measuring;
using Dispatcher.LoadTest.Peers;
using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Reporting;
using Dispatcher.LoadTest.Scenarios;
using Dispatcher.LoadTest.Setup;
using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTest;

/// <summary>
/// One run: start everything, measure the ceilings, run the scenarios against Dispatcher (the
/// five of the first issue, the million-delivery backlog, scenario 1 again with fsync always, and
/// last those with more instances beside it), stop it, run the peers, write the results. With
/// --scenario1 only scenario 1 runs (<see cref="ScenarioOneRun"/>, for A/B runs). Every process started is killed at the end, also on failure.
/// </summary>
public static class Harness
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var settings = HarnessSettings.Parse(args);
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true));
        var logger = loggers.CreateLogger("Dispatcher.LoadTest");
        string logDirectory = Directory.CreateTempSubdirectory("dispatcher-load-logs-").FullName;
        Console.CancelKeyPress += (_, _) => ProcessRegistry.KillAll();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ProcessRegistry.KillAll();
        HarnessLog.Starting(logger, settings.Quick ? "quick" : "full", logDirectory);
        try
        {
            if (settings.ScenarioOneOnly)
            {
                await ScenarioOneRun.RunAsync(settings, logDirectory, logger);
                return 0;
            }
            var report = await RunAllAsync(settings, logDirectory, logger);
            Directory.CreateDirectory(settings.OutputDirectory);
            await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "latest.json"), JsonSerializer.Serialize(report, Json));
            await File.WriteAllBytesAsync(Path.Combine(settings.OutputDirectory, "latest.png"), LoadChart.Render(report));
            await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "latest.md"), MarkdownReport.Render(report, "latest.png"));
            if (report.Signatures.Bad > 0)
            {
                HarnessLog.BadSignatures(logger, report.Signatures.Bad, report.Signatures.Checked);
            }
            HarnessLog.Finished(logger, settings.OutputDirectory, report.RunSeconds);
            return 0;
        }
        catch (Exception ex)
        {
            HarnessLog.Failed(logger, ex);
            return 1;
        }
        finally
        {
            ProcessRegistry.KillAll();
        }
    }

    private static async Task<LoadReport> RunAllAsync(HarnessSettings settings, string logDirectory, ILogger logger)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var notes = new List<string>();
        await using var receiver = await LoadReceiver.StartAsync();
        await using var redis = await RedisServer.StartAsync("redis", logDirectory, settings.Fsync);
        var durability = DurabilityMode.RedisAof(settings.Fsync);
        var throughputFleet = new EndpointFleet("tp", 0, settings.ThroughputEndpoints);
        var burstFleet = new EndpointFleet("bu", throughputFleet.Count, settings.BurstEndpoints);
        var ingestFleet = new EndpointFleet("in", throughputFleet.Count + burstFleet.Count, Routing.TypesPerWorkspace);
        var backlogFleet = new EndpointFleet("bl", ingestFleet.BaseIndex + ingestFleet.Count, settings.BacklogEndpoints);
        string[] workspaces = [.. throughputFleet.Workspaces, .. burstFleet.Workspaces, .. ingestFleet.Workspaces, .. backlogFleet.Workspaces];

        var dispatcher = await DispatcherServer.StartAsync(
            redis, workspaces, webhooksPerWorkspace: 10_000, settings.Profile, logDirectory, serverBuild: settings.ServerBuild);
        ThroughputResult throughput;
        LatencyResult latency;
        BurstResult burst;
        IngestResult ingest;
        BacklogResult backlog;
        ThroughputResult strict;
        InstancesResult? instances = null;
        CrossInstanceResult crossInstance;
        CeilingResult wrk;
        SignatureTotals signatures;
        long overallPeak;
        await using (dispatcher)
        {
            using var api = new HttpClient { BaseAddress = dispatcher.Http, Timeout = TimeSpan.FromSeconds(30) };
            var context = new RunContext(settings, receiver, redis, dispatcher, api, logDirectory);
            HarnessLog.Phase(logger, "setup", $"registering {throughputFleet.Count + burstFleet.Count + ingestFleet.Count + backlogFleet.Count} webhooks in {workspaces.Length} workspaces");
            await throughputFleet.CreateAsync(api, receiver.BaseAddress, CancellationToken.None);
            await burstFleet.CreateAsync(api, receiver.BaseAddress, CancellationToken.None);
            await ingestFleet.CreateAsync(api, receiver.BaseAddress, CancellationToken.None);
            await backlogFleet.CreateAsync(api, receiver.BaseAddress, CancellationToken.None);
            await using var overall = new MemorySampler(dispatcher.ProcessId);

            HarnessLog.Phase(logger, "wrk", $"{settings.WrkDuration.TotalSeconds:0} s against the receiver");
            (wrk, var wrkPhase) = await WrkCeiling.RunAsync(receiver, throughputFleet, settings.WrkDuration, logDirectory);
            Report(logger, wrk);

            int warmUp = await WarmUp.RunAsync(context, throughputFleet);
            notes.Add($"Warm-up: {warmUp:N0} events through the throughput endpoints before scenario 1, not measured (JIT tiering).");
            HarnessLog.Phase(logger, "throughput", $"{settings.ThroughputEvents:N0} events to {throughputFleet.Count:N0} endpoints");
            (throughput, var throughputPhase) = await ThroughputScenario.RunAsync(context, throughputFleet);
            Check(logger, throughputPhase, notes);
            HarnessLog.Phase(logger, "throughput", $"{throughput.DeliveredPerSecond:N0} delivered/s");

            HarnessLog.Phase(logger, "latency", $"{settings.LatencyLoadFraction:P0} of {throughput.DeliveredPerSecond:N0}/s for {settings.LatencyDuration.TotalSeconds:0} s");
            (latency, var latencyPhase) = await LatencyScenario.RunAsync(context, throughputFleet, throughput.DeliveredPerSecond);
            Check(logger, latencyPhase, notes);
            HarnessLog.Phase(logger, "latency", $"ack → receipt p50 {latency.AckToReceiptP50Ms:0.0} ms, p99 {latency.AckToReceiptP99Ms:0.0} ms, p99.9 {latency.AckToReceiptP999Ms:0.0} ms");

            HarnessLog.Phase(logger, "burst", $"{settings.BurstEvents:N0} events queued for {burstFleet.Count} disabled endpoints, then released at once");
            (burst, var burstPhase) = await BurstScenario.RunAsync(context, burstFleet);
            Check(logger, burstPhase, notes);
            HarnessLog.Phase(logger, "burst", $"max {burst.MaxInAnySecond} in any 1 s (bound {burst.Bound}), peak RSS {burst.PeakRssBytes / 1048576.0:0} MB, {burst.RedisBytesPerQueuedDelivery:N0} B/delivery in Redis");

            HarnessLog.Phase(logger, "ingest", $"{settings.IngestEvents:N0} events, one subscriber each (disabled, so only ingest runs)");
            ingest = await IngestScenario.RunAsync(context, ingestFleet);
            HarnessLog.Phase(logger, "ingest", $"{ingest.AckedPerSecond:N0} acknowledged/s");

            HarnessLog.Phase(logger, "backlog", $"{settings.BacklogEvents:N0} deliveries queued for {backlogFleet.Count} disabled endpoints, then drained at their cap");
            (backlog, var backlogPhase) = await BacklogScenario.RunAsync(context, backlogFleet);
            Check(logger, backlogPhase, notes);
            HarnessLog.Phase(logger, "backlog", $"queued: peak RSS {backlog.PeakRssQueuedBytes / 1048576.0:0} MB, Redis +{backlog.RedisBacklogBytes / 1048576.0:0} MB ({backlog.RedisBytesPerQueuedDelivery:N0} B/delivery); " +
                $"drained at {backlog.DrainPerSecond:N0}/s (cap {backlog.CapPerSecond:N0}/s), max {backlog.MaxInAnySecond} in any 1 s (bound {backlog.Bound})");

            HarnessLog.Phase(logger, StrictThroughputScenario.Name, $"scenario 1 again with appendfsync always ({settings.ThroughputEvents:N0} events)");
            (strict, var strictPhase) = await StrictThroughputScenario.RunAsync(context, throughputFleet);
            Check(logger, strictPhase, notes);
            HarnessLog.Phase(logger, StrictThroughputScenario.Name, $"{strict.DeliveredPerSecond:N0} delivered/s");

            // Last: the second instance takes half the partitions, which no other scenario expects.
            HarnessLog.Phase(logger, "cross-instance", $"a second instance joins; then {latency.RatePerSecond:N0}/s for {settings.CrossInstanceDuration.TotalSeconds:0} s through the first only");
            (crossInstance, var crossPhase, bool handedBack) = await CrossInstanceScenario.RunAsync(context, throughputFleet, latency.RatePerSecond);
            Check(logger, crossPhase, notes);
            if (!crossInstance.HoldersStable)
            {
                notes.Add("Cross-instance: a partition changed holder during the phase, so some receipts may be classed on the wrong side.");
            }
            HarnessLog.Phase(logger, "cross-instance", $"ack → receipt p50 / p99 / p99.9, same instance {Figures(crossInstance.SameInstance)}, cross-instance {Figures(crossInstance.CrossInstance)}");

            ArrivalPhase[] instancePhases = [];
            if (settings.RunInstances)
            {
                HarnessLog.Phase(logger, "instances", $"scenario 1's load through one instance, then through {InstancesScenario.Instances} on the same Redis");
                (instances, instancePhases) = await InstancesScenario.RunAsync(context, throughputFleet, handedBack);
                Array.ForEach(instancePhases, p => Check(logger, p, notes));
                HarnessLog.Phase(logger, "instances", $"one {instances.One.DeliveredPerSecond:N0}/s, three {instances.Three.DeliveredPerSecond:N0}/s ({instances.ThreeToOne:0.00}×)");
            }

            ArrivalPhase[] phases = [throughputPhase, latencyPhase, burstPhase, backlogPhase, strictPhase, crossPhase, .. instancePhases, .. wrkPhase is null ? Array.Empty<ArrivalPhase>() : [wrkPhase]];
            signatures = new SignatureTotals(
                phases.Sum(p => p.SignaturesChecked), phases.Sum(p => p.BadSignatures),
                phases.Where(p => p != wrkPhase).Sum(p => p.Duplicates), phases.Sum(p => p.Misrouted), phases.Sum(p => p.Unparsed));
            overallPeak = new[] { overall.MaxRssBytes, burst.PeakRssBytes, backlog.PeakRssQueuedBytes, backlog.PeakRssDrainBytes }.Max();
        }

        HarnessLog.Phase(logger, "redis-benchmark", $"ZADD ×{settings.RedisBenchmarkRequests:N0}, pipelined");
        var redisCeiling = await RedisBenchmarkCeiling.RunAsync(redis, settings.RedisBenchmarkRequests, logDirectory);
        Report(logger, redisCeiling);

        var peers = await PeerRunner.RunAsync(settings, receiver, redis, throughputFleet.Count, logDirectory, logger);
        RunNotes.Add(settings, notes, peers, receiver);
        var ratios = new Ratios(
            wrk.Skipped is null && wrk.PerSecond > 0 ? throughput.DeliveredPerSecond / wrk.PerSecond : null,
            Ratio(throughput, peers, BullMqPeer.Name),
            Ratio(throughput, peers, HangfirePeer.Name));
        string redisVersion = (await redis.Connection.GetServer(redis.Address).InfoAsync("server"))
            .SelectMany(g => g).FirstOrDefault(p => p.Key == "redis_version").Value ?? "?";
        return new LoadReport(started, clock.Elapsed.TotalSeconds, settings.Quick, settings.Scale, MachineFacts.Read(redisVersion),
            durability, throughput, PerCore.Of(throughput), strict, DurabilityMode.RedisAof("always"), PerCore.Of(strict), backlog, instances,
            latency, burst, ingest, crossInstance, [wrk, redisCeiling], peers, signatures, ratios, overallPeak, notes);
    }

    private static double? Ratio(ThroughputResult throughput, List<PeerResult> peers, string name) =>
        peers.FirstOrDefault(p => p.Name == name && p.Skipped is null && p.DeliveredPerSecond > 0) is { } peer
            ? throughput.DeliveredPerSecond / peer.DeliveredPerSecond
            : null;

    private static string Figures(InstanceDeliveries side) =>
        $"{side.AckToReceipt.P50Ms:0.0} / {side.AckToReceipt.P99Ms:0.0} / {side.AckToReceipt.P999Ms:0.0} ms";

    private static void Check(ILogger logger, ArrivalPhase phase, List<string> notes)
    {
        if (phase.Unique < phase.Expected)
        {
            HarnessLog.Incomplete(logger, phase.Name, phase.Unique, phase.Expected);
            notes.Add($"Phase {phase.Name} timed out with {phase.Unique:N0} of {phase.Expected:N0} delivered; its figures cover what arrived.");
        }
    }

    private static void Report(ILogger logger, CeilingResult ceiling)
    {
        if (ceiling.Skipped is not null)
        {
            HarnessLog.Skipped(logger, ceiling.Name, ceiling.Skipped);
        }
        else
        {
            HarnessLog.Phase(logger, ceiling.Name, $"{ceiling.PerSecond:N0}/s");
        }
    }
}
