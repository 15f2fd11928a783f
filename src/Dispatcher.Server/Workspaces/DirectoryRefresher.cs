using Dispatcher.Redis;
using StackExchange.Redis;

namespace Dispatcher.Server.Workspaces;

/// <summary>
/// Keeps <see cref="WorkspaceDirectory"/> current: loads it before the server takes calls, reloads it
/// when another instance announces a change on <see cref="RedisKeys.DirectoryChanged"/>, and every
/// <see cref="PollInterval"/> compares the version in Redis with its own, the backstop for a message
/// lost while the subscription was down. A new, rotated or revoked key is honoured everywhere within
/// a round trip of the announcement, and within <see cref="PollInterval"/> at worst.
/// </summary>
public sealed partial class DirectoryRefresher(
    WorkspaceDirectory directory, IConnectionMultiplexer redis, RedisKeys keys, TimeProvider time, ILogger<DirectoryRefresher> logger)
    : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private int _failing;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the first call is taken: a runtime key works from an instance's first second. If Redis
        // is down now, the poll below loads it once Redis answers (calls with runtime keys are refused until then).
        await ReloadAsync();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await redis.SubscribeUntilTakenAsync(keys.DirectoryChanged, Announced, ex => LogSubscribeFailed(logger, ex), stoppingToken);
        using var timer = new PeriodicTimer(PollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReloadAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Announced(RedisValue version)
    {
        if (!version.TryParse(out long announced) || announced > directory.Version)
        {
            _ = ReloadAsync();
        }
    }

    private async Task ReloadAsync()
    {
        try
        {
            if (await directory.ReloadAsync())
            {
                LogReloaded(logger, directory.Version);
            }
            Interlocked.Exchange(ref _failing, 0);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Once per outage: the poll keeps trying every half second.
            if (Interlocked.Exchange(ref _failing, 1) == 0)
            {
                LogReloadFailed(logger, ex);
            }
        }
    }
}
