using System.Collections.Concurrent;
using Dispatcher.Engine.Notifications;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis;
using StackExchange.Redis;

namespace Dispatcher.Server.Notifications;

/// <summary>
/// Listens on the Redis notification channel once per instance and wakes the readers of the
/// notification log on this instance (producers' streams, owner notification consumers). The log,
/// not the channel, carries the changes: a reader woken reads its workspaces' logs from its cursor.
/// </summary>
public sealed partial class NotificationHub(IConnectionMultiplexer redis, RedisKeys keys, ILogger<NotificationHub> logger) : IHostedService
{
    private readonly ConcurrentDictionary<NotificationWake, byte> _readers = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await redis.GetSubscriber().SubscribeAsync(WebhookStatusNotifier.Channel(keys), (_, message) => Fan(message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The multiplexer re-subscribes when Redis comes back; until then readers poll.
            LogSubscribeFailed(logger, ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().UnsubscribeAsync(WebhookStatusNotifier.Channel(keys));

    /// <summary>A reader's wake-up, until <paramref name="close"/> is called.</summary>
    public NotificationWake Open(out Action close)
    {
        var wake = new NotificationWake();
        _readers[wake] = 0;
        close = () => _readers.TryRemove(wake, out _);
        return wake;
    }

    private void Fan(RedisValue message)
    {
        string workspaceId = WebhookNotification.Parser.ParseFrom((byte[])message!).WorkspaceId;
        foreach (var reader in _readers.Keys)
        {
            reader.Wake(workspaceId);
        }
    }
}
