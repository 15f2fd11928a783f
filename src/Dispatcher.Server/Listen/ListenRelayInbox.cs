using Dispatcher.Engine.Instances;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis;
using Google.Protobuf;
using StackExchange.Redis;

namespace Dispatcher.Server.Listen;

/// <summary>
/// This instance's end of <see cref="ListenRelay"/>: subscribes to the attempts relayed to the listen
/// streams held here, and to the reports relayed back for attempts this instance delivers.
/// </summary>
public sealed partial class ListenRelayInbox(
    ListenSessions sessions, IConnectionMultiplexer redis, RedisKeys keys, InstanceIdentity instance,
    ILogger<ListenRelayInbox> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await SubscribeAsync(keys.ListenDeliveries(instance.Id), Deliver, stoppingToken);
        await SubscribeAsync(keys.ListenReports(instance.Id), Report, stoppingToken);
    }

    private async Task SubscribeAsync(RedisChannel channel, Action<RedisValue> handle, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // StackExchange.Redis re-subscribes by itself after a reconnect.
                await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => handle(message));
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogSubscribeFailed(logger, ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private void Deliver(RedisValue message)
    {
        if (RelayedDelivery.Decode((byte[])message!) is { } relayed)
        {
            sessions.AcceptRelayed(relayed);
        }
    }

    private void Report(RedisValue message)
    {
        try
        {
            sessions.Complete(DeliveryReport.Parser.ParseFrom((byte[])message!));
        }
        catch (InvalidProtocolBufferException)
        {
            // Nothing else is published on this channel.
        }
    }
}
