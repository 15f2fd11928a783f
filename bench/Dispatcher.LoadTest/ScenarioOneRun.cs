using System.Text.Json;
using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Receiving;
using Dispatcher.LoadTest.Reporting;
using Dispatcher.LoadTest.Scenarios;
using Dispatcher.LoadTest.Setup;
using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTest;

/// <summary>
/// <c>--scenario1</c>: only what scenario 1 needs (receiver, redis-server, one Dispatcher, the
/// throughput fleet), the same warm-up, then scenario 1, written to scenario1.json. bench/ab.sh
/// runs it alternately on two server builds (<c>--server-build</c>); the full run's other phases
/// would add minutes per round and nothing to the comparison.
/// </summary>
public static class ScenarioOneRun
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task RunAsync(HarnessSettings settings, string logDirectory, ILogger logger)
    {
        var started = DateTimeOffset.UtcNow;
        await using var receiver = await LoadReceiver.StartAsync();
        await using var redis = await RedisServer.StartAsync("redis", logDirectory, settings.Fsync);
        var fleet = new EndpointFleet("tp", 0, settings.ThroughputEndpoints);
        await using var dispatcher = await DispatcherServer.StartAsync(
            redis, [.. fleet.Workspaces], webhooksPerWorkspace: 10_000, settings.Profile, logDirectory, serverBuild: settings.ServerBuild);
        using var api = new HttpClient { BaseAddress = dispatcher.Http, Timeout = TimeSpan.FromSeconds(30) };
        var context = new RunContext(settings, receiver, redis, dispatcher, api, logDirectory);
        HarnessLog.Phase(logger, "setup", $"{fleet.Count:N0} webhooks; server {settings.ServerBuild ?? "built beside the harness"}");
        await fleet.CreateAsync(api, receiver.BaseAddress, CancellationToken.None);

        int warmUp = await WarmUp.RunAsync(context, fleet);
        HarnessLog.Phase(logger, ThroughputScenario.Name, $"{settings.ThroughputEvents:N0} events to {fleet.Count:N0} endpoints");
        var (throughput, _) = await ThroughputScenario.RunAsync(context, fleet);
        HarnessLog.Phase(logger, ThroughputScenario.Name, $"{throughput.DeliveredPerSecond:N0} delivered/s{(throughput.Complete ? "" : " (INCOMPLETE)")}");

        string redisVersion = (await redis.Connection.GetServer(redis.Address).InfoAsync("server"))
            .SelectMany(g => g).FirstOrDefault(p => p.Key == "redis_version").Value ?? "?";
        var report = new ScenarioOneReport(started, settings.Quick, settings.Scale, settings.ServerBuild, MachineFacts.Read(redisVersion),
            DurabilityMode.RedisAof(settings.Fsync), warmUp, throughput, PerCore.Of(throughput));
        Directory.CreateDirectory(settings.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, ScenarioOneReport.FileName), JsonSerializer.Serialize(report, Json));
        HarnessLog.Finished(logger, settings.OutputDirectory, (DateTimeOffset.UtcNow - started).TotalSeconds);
    }
}
