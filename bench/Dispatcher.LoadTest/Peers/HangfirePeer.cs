using System.Globalization;
using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Receiving;

namespace Dispatcher.LoadTest.Peers;

/// <summary>
/// The Hangfire peer (.NET, Redis storage) against the same receiver. It FLUSHES the Redis database
/// it is given, so it gets a redis-server of its own, started and stopped here.
/// </summary>
public static class HangfirePeer
{
    public const string Name = "hangfire";

    public static async Task<PeerResult> RunAsync(LoadReceiver receiver, int events, int endpoints, TimeSpan timeout, string logDirectory)
    {
        string? shared = PeerSource.SharedFolder(Name);
        if (shared is null)
        {
            return PeerResult.Skip(Name, events, endpoints, "../shared/peers/hangfire is missing");
        }
        string folder = PeerSource.CopyToCache(shared, Name);
        await using (var build = ChildProcess.Start("hangfire-build", "dotnet", ["build", "-c", "Release", "-nologo", "-v", "q"], logDirectory, workingDirectory: folder))
        {
            if (await build.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
            {
                return PeerResult.Skip(Name, events, endpoints, "dotnet build of the peer failed; see hangfire-build.log");
            }
        }
        string dll = Directory.GetFiles(Path.Combine(folder, "bin", "Release"), "HangfirePeer.dll", SearchOption.AllDirectories).First();
        await using var redis = await RedisServer.StartAsync("redis-hangfire", logDirectory);
        var phase = new ArrivalPhase(Name, 0, endpoints, 0, _ => BullMqPeer.Secret);
        var environment = new Dictionary<string, string>
        {
            ["REDIS_PORT"] = redis.Port.ToString(CultureInfo.InvariantCulture),
            ["SINK"] = new Uri(receiver.BaseAddress, "/hook").ToString(),
            ["N"] = events.ToString(CultureInfo.InvariantCulture),
            ["ENDPOINTS"] = endpoints.ToString(CultureInfo.InvariantCulture),
            ["WORKERS"] = "40",
            // Its enqueue runs synchronous Redis calls from 16 threads; on two cores the thread pool
            // starts with 2 and grows slowly, and its 5 s Redis timeouts fired in our first runs. 64
            // threads from the start (hex, as the runtime reads it) spare it that handicap.
            ["DOTNET_ThreadPool_ForceMinWorkerThreads"] = "40",
        };
        receiver.Begin(phase);
        (double DeliveredPerSecond, double Seconds)? figures = null;
        // One retry: a run that died of a timeout says nothing about its throughput.
        for (int attempt = 1; attempt <= 2 && figures is null; attempt++)
        {
            await using var process = ChildProcess.Start($"{Name}-{attempt}", "dotnet", [dll], logDirectory, environment, folder);
            await process.WaitForExitAsync(timeout);
            figures = PeerOutput.Parse(process.Lines);
        }
        receiver.Begin(null);
        return figures is { } result
            ? new PeerResult(Name, events, endpoints, result.DeliveredPerSecond, result.Seconds, phase.Total, phase.SignaturesChecked, phase.BadSignatures, null)
            : PeerResult.Skip(Name, events, endpoints, "the peer printed no result twice; see hangfire-1.log, hangfire-2.log");
    }
}
