using StackExchange.Redis;

namespace Dispatcher.Redis;

public static class ChannelSubscriptions
{
    /// <summary>
    /// Subscribes <paramref name="handle"/> to <paramref name="channel"/>, trying again every second
    /// while Redis does not answer (each failure is passed to <paramref name="failed"/>). Once taken the
    /// subscription lasts: StackExchange.Redis re-subscribes by itself after a reconnect.
    /// </summary>
    public static async Task SubscribeUntilTakenAsync(
        this IConnectionMultiplexer redis, RedisChannel channel, Action<RedisValue> handle, Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await redis.GetSubscriber().SubscribeAsync(channel, (_, message) => handle(message)).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                failed(ex);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
