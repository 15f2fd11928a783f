using System.Globalization;
using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Receiving;

namespace Dispatcher.LoadTest.Peers;

/// <summary>
/// The BullMQ peer (Node, one worker per core) against the same receiver and the same redis-server
/// as Dispatcher (its keys are its own queue's), with N and ENDPOINTS given.
/// </summary>
public static class BullMqPeer
{
    public const string Name = "bullmq";

    public const string Secret = "whsec_peer";

    public static async Task<PeerResult> RunAsync(LoadReceiver receiver, RedisServer redis, int events, int endpoints, TimeSpan timeout, string logDirectory)
    {
        string? node = Tools.Find("node"), npm = Tools.Find("npm"), shared = PeerSource.SharedFolder(Name);
        if (node is null || npm is null || shared is null)
        {
            return PeerResult.Skip(Name, events, endpoints, "node/npm or ../shared/peers/bullmq is missing");
        }
        string folder = PeerSource.CopyToCache(shared, Name);
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "bullmq")))
        {
            await using var install = ChildProcess.Start("bullmq-npm-install", npm, ["install", "--no-audit", "--no-fund"], logDirectory, workingDirectory: folder);
            if (await install.WaitForExitAsync(TimeSpan.FromMinutes(5)) != 0)
            {
                return PeerResult.Skip(Name, events, endpoints, "npm install failed; see bullmq-npm-install.log");
            }
        }
        var phase = new ArrivalPhase(Name, 0, endpoints, 0, _ => Secret);
        var environment = new Dictionary<string, string>
        {
            ["REDIS_PORT"] = redis.Port.ToString(CultureInfo.InvariantCulture),
            ["SINK"] = new Uri(receiver.BaseAddress, "/hook").ToString(),
            ["N"] = events.ToString(CultureInfo.InvariantCulture),
            ["ENDPOINTS"] = endpoints.ToString(CultureInfo.InvariantCulture),
            ["CONC"] = "256",
            ["WORKERS"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
        };
        receiver.Begin(phase);
        await using var process = ChildProcess.Start(Name, node, [Path.Combine(folder, "peer.mjs")], logDirectory, environment, folder);
        await process.WaitForExitAsync(timeout);
        receiver.Begin(null);
        return PeerOutput.Parse(process.Lines) is { } figures
            ? new PeerResult(Name, events, endpoints, figures.DeliveredPerSecond, figures.Seconds, phase.Total, phase.SignaturesChecked, phase.BadSignatures, null)
            : PeerResult.Skip(Name, events, endpoints, "the peer printed no result; see bullmq.log");
    }
}
