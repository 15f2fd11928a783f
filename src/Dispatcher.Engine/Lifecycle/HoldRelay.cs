using Dispatcher.Engine.Holds;
using Dispatcher.Engine.Instances;
using Dispatcher.Redis;
using StackExchange.Redis;

namespace Dispatcher.Engine.Lifecycle;

/// <summary>
/// Carries a disable or enable made here to the other instances' <see cref="EndpointHolds"/>, on the
/// wake-up channel (<c>&lt;instance&gt; hold disabled|enabled &lt;webhook&gt;</c>; the wake-up reader
/// ignores it, as it is no partition list). Redis's hold already stops new claims everywhere; this stops
/// the deliveries the partition's holder had claimed into the webhook's channel, which are handed back
/// unsent instead. Pub/sub may drop a message: those deliveries are then sent, as before this existed.
/// </summary>
public sealed partial class HoldRelay(
    EndpointHolds holds,
    IConnectionMultiplexer redis,
    RedisKeys keys,
    InstanceIdentity instance,
    ILogger<HoldRelay> logger) : BackgroundService
{
    private const string Verb = "hold";

    public void Announce(string webhookId, bool disabled)
    {
        string message = $"{instance.Id} {Verb} {(disabled ? "disabled" : "enabled")} {webhookId}";
        try
        {
            // Fire and forget: the status and Redis's hold are written already; this only saves sends.
            redis.GetSubscriber().Publish(keys.WakeChannel, message, CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogAnnounceFailed(logger, webhookId, ex);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        redis.SubscribeUntilTakenAsync(keys.WakeChannel, Apply, ex => LogSubscribeFailed(logger, ex), stoppingToken);

    private void Apply(RedisValue message)
    {
        string[] parts = message.ToString().Split(' ');
        // Our own announcements: the lifecycle updated this instance's holds directly.
        if (parts.Length != 4 || parts[1] != Verb || parts[0] == instance.Id)
        {
            return;
        }
        if (parts[2] == "disabled")
        {
            holds.Disable(parts[3]);
        }
        else if (parts[2] == "enabled")
        {
            holds.Enable(parts[3]);
        }
    }
}
