using System.Collections.Concurrent;
using System.Threading.Channels;
using Dispatcher.Engine.Notifications;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis;
using StackExchange.Redis;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// Listens on the Redis notification channel once per instance and fans each message out to the
/// producer streams open on this instance.
/// </summary>
public sealed partial class NotificationHub(IConnectionMultiplexer redis, RedisKeys keys, ILogger<NotificationHub> logger) : IHostedService
{
    /// <summary>Per stream; a producer that stops reading loses the oldest, never blocks the others.</summary>
    private const int StreamBuffer = 1024;

    private readonly ConcurrentDictionary<Channel<WebhookNotification>, byte> _streams = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(WebhookStatusNotifier.Channel(keys), (_, message) => Fan(message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The multiplexer re-subscribes when Redis comes back.
            LogSubscribeFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().UnsubscribeAsync(WebhookStatusNotifier.Channel(keys));

    public ChannelReader<WebhookNotification> Open(out Action close)
    {
        var stream = Channel.CreateBounded<WebhookNotification>(new BoundedChannelOptions(StreamBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        _streams[stream] = 0;
        close = () => _streams.TryRemove(stream, out _);
        return stream.Reader;
    }

    private void Fan(RedisValue message)
    {
        var notification = WebhookNotification.Parser.ParseFrom((byte[])message!);
        foreach (var stream in _streams.Keys)
        {
            stream.Writer.TryWrite(notification);
        }
    }
}
