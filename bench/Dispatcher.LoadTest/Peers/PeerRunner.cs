using Dispatcher.LoadTest.Processes;
using Dispatcher.LoadTest.Receiving;
using Microsoft.Extensions.Logging;

namespace Dispatcher.LoadTest.Peers;

/// <summary>Runs the peers one after the other; a peer that fails or overruns is reported as skipped, with why, and the run goes on.</summary>
public static class PeerRunner
{
    public static async Task<List<PeerResult>> RunAsync(
        HarnessSettings settings, LoadReceiver receiver, RedisServer redis, int endpoints, string logDirectory, ILogger logger)
    {
        if (!settings.RunPeers)
        {
            const string reason = "not run (--quick runs no peers unless --peers is given)";
            return [PeerResult.Skip(BullMqPeer.Name, settings.BullMqEvents, endpoints, reason), PeerResult.Skip(HangfirePeer.Name, settings.HangfireEvents, endpoints, reason)];
        }
        var results = new List<PeerResult>();
        foreach (var (name, run) in new (string, Func<Task<PeerResult>>)[]
        {
            (BullMqPeer.Name, () => BullMqPeer.RunAsync(receiver, redis, settings.BullMqEvents, endpoints, settings.PhaseTimeout, logDirectory)),
            (HangfirePeer.Name, () => HangfirePeer.RunAsync(receiver, settings.HangfireEvents, endpoints, settings.PhaseTimeout, logDirectory)),
        })
        {
            HarnessLog.Phase(logger, "peer " + name, "delivering to the same receiver");
            PeerResult result;
            try
            {
                result = await run();
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
            {
                result = PeerResult.Skip(name, name == BullMqPeer.Name ? settings.BullMqEvents : settings.HangfireEvents, endpoints, ex.Message);
            }
            if (result.Skipped is not null)
            {
                HarnessLog.Skipped(logger, "peer " + name, result.Skipped);
            }
            else
            {
                HarnessLog.Phase(logger, "peer " + name, $"{result.DeliveredPerSecond:N0} delivered/s");
            }
            results.Add(result);
        }
        return results;
    }
}
