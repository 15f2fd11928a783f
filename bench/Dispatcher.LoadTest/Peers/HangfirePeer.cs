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
        };
        receiver.Begin(phase);
        await using var process = ChildProcess.Start(Name, "dotnet", [dll], logDirectory, environment, folder);
        await process.WaitForExitAsync(timeout);
        receiver.Begin(null);
        return PeerOutput.Parse(process.Lines) is { } figures
            ? new PeerResult(Name, events, endpoints, figures.DeliveredPerSecond, figures.Seconds, phase.Total, phase.SignaturesChecked, phase.BadSignatures, null)
            : PeerResult.Skip(Name, events, endpoints, "the peer printed no result; see hangfire.log");
    }
}
