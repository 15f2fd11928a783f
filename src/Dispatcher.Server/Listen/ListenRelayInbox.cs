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
        await redis.SubscribeUntilTakenAsync(keys.ListenDeliveries(instance.Id), Deliver, ex => LogSubscribeFailed(logger, ex), stoppingToken);
        await redis.SubscribeUntilTakenAsync(keys.ListenReports(instance.Id), Report, ex => LogSubscribeFailed(logger, ex), stoppingToken);
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
