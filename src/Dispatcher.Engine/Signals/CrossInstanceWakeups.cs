using System.Globalization;
using Dispatcher.Engine.Instances;
using Dispatcher.Redis;
using StackExchange.Redis;

namespace Dispatcher.Engine.Signals;

/// <summary>
/// Carries <see cref="PartitionSignals"/> across instances: work added here is announced on one
/// Redis pub/sub channel (<c>&lt;instance&gt; &lt;partition&gt;,…</c>), and every other instance
/// wakes its pumps for those partitions, so an event ingested by an instance that does not hold
/// the partition is sent at once rather than at the holder's next idle poll. Pub/sub may drop a
/// message (e.g. during a reconnect); the idle poll still finds the work then.
/// </summary>
public sealed partial class CrossInstanceWakeups(
    PartitionSignals signals,
    IConnectionMultiplexer redis,
    RedisKeys keys,
    InstanceIdentity instance,
    ILogger<CrossInstanceWakeups> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signals.WorkAdded += Announce;
        try
        {
            await redis.SubscribeUntilTakenAsync(keys.WakeChannel, Wake, ex => LogSubscribeFailed(logger, ex), stoppingToken);
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            signals.WorkAdded -= Announce;
        }
    }

    private void Announce(IReadOnlyList<int> partitions)
    {
        string message = instance.Id + " " + string.Join(',', partitions);
        try
        {
            // Fire and forget: ingest never waits for a wake-up, and a lost one only costs an idle poll.
            redis.GetSubscriber().Publish(keys.WakeChannel, message, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogAnnounceFailed(logger, ex);
        }
    }

    private void Wake(RedisValue message)
    {
        string text = message.ToString();
        int space = text.IndexOf(' ', StringComparison.Ordinal);
        // Our own announcements: the local signal has fired already.
        if (space <= 0 || text.AsSpan(0, space).SequenceEqual(instance.Id))
        {
            return;
        }
        foreach (var range in text.AsSpan(space + 1).Split(','))
        {
            if (int.TryParse(text.AsSpan(space + 1)[range], NumberStyles.None, CultureInfo.InvariantCulture, out int partition)
                && partition >= 0 && partition < signals.Count)
            {
                signals.Notify(partition);
            }
        }
    }
}
