using Dispatcher.Redis.Listen;
using StackExchange.Redis;

namespace Dispatcher.Server.Listen;

/// <summary>
/// While a listen stream is open on this instance, the session's <see cref="ListenRegistry"/> entry
/// names this instance; refreshed well within its TTL, so it outlives a failed refresh or two but
/// not a killed instance. Disposing deletes it, unless a newer stream of the session took it over:
/// elsewhere (the entry names another instance), or here (a CLI that reconnected to this instance
/// before its old stream was noticed closed).
/// </summary>
public sealed partial class ListenRegistration : IAsyncDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RefreshEvery = Ttl / 3;

    // Redis expires the entry on its real clock, so it is refreshed on the real clock, whatever drives schedules.
    private static readonly TimeProvider Clock = TimeProvider.System;

    private readonly ListenRegistry _registry;
    private readonly string _webhookId;
    private readonly string _instanceId;
    private readonly Func<bool> _streamingHere;
    private readonly ILogger _logger;
    private readonly ITimer _refresh;
    private volatile Task _refreshing = Task.CompletedTask;

    private ListenRegistration(ListenRegistry registry, string webhookId, string instanceId, Func<bool> streamingHere, ILogger logger)
    {
        _registry = registry;
        _webhookId = webhookId;
        _instanceId = instanceId;
        _streamingHere = streamingHere;
        _logger = logger;
        _refresh = Clock.CreateTimer(_ => _refreshing = RefreshAsync(), null, RefreshEvery, RefreshEvery);
    }

    /// <param name="streamingHere">Whether the session still has a stream on this instance (checked when this one ends).</param>
    public static async Task<ListenRegistration> StartAsync(
        ListenRegistry registry, string webhookId, string instanceId, Func<bool> streamingHere, ILogger logger)
    {
        try
        {
            await registry.ClaimAsync(webhookId, instanceId, Ttl).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The stream works for this instance's own deliveries meanwhile; the refresh writes the entry.
            LogRegistryFailed(logger, webhookId, ex);
        }
        return new ListenRegistration(registry, webhookId, instanceId, streamingHere, logger);
    }

    public async ValueTask DisposeAsync()
    {
        await _refresh.DisposeAsync().ConfigureAwait(false);
        // A refresh still running would write the entry again after the release.
        await _refreshing.ConfigureAwait(false);
        if (_streamingHere())
        {
            return;
        }
        try
        {
            await _registry.ReleaseAsync(_webhookId, _instanceId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // It expires by itself; until then attempts relayed here are answered "stream closed".
            LogRegistryFailed(_logger, _webhookId, ex);
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            if (!await _registry.RefreshAsync(_webhookId, _instanceId, Ttl).ConfigureAwait(false))
            {
                LogSuperseded(_logger, _webhookId);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogRegistryFailed(_logger, _webhookId, ex);
        }
    }
}
