using StackExchange.Redis;

namespace Dispatcher.Redis.Dashboard;

/// <summary>
/// Portal sign-in links, one hash each under the SHA-256 of the link's token. Redeeming reads and deletes
/// the link in one transaction, so two browsers racing on one link cannot both sign in.
/// </summary>
public sealed class PortalLinkStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(string tokenHash, PortalLink link)
    {
        var key = keys.PortalLink(tokenHash);
        var write = Db.CreateTransaction();
        _ = write.HashSetAsync(key,
        [
            new("workspace", link.Workspace),
            new("scope", link.Scope),
            new("expires", link.ExpiresAt.ToUnixTimeMilliseconds()),
        ]);
        _ = write.KeyExpireAsync(key, link.ExpiresAt.UtcDateTime);
        await write.ExecuteAsync().ConfigureAwait(false);
    }

    /// <summary>The link, left usable: what the page before "Continue" shows.</summary>
    public async Task<PortalLink?> PeekAsync(string tokenHash) =>
        Parse(await Db.HashGetAllAsync(keys.PortalLink(tokenHash)).ConfigureAwait(false));

    /// <summary>The link, which no one can use again; null when it was unknown or already used.</summary>
    public async Task<PortalLink?> RedeemAsync(string tokenHash)
    {
        var key = keys.PortalLink(tokenHash);
        var take = Db.CreateTransaction();
        var read = take.HashGetAllAsync(key);
        _ = take.KeyDeleteAsync(key);
        await take.ExecuteAsync().ConfigureAwait(false);
        return Parse(await read.ConfigureAwait(false));
    }

    private static PortalLink? Parse(HashEntry[] entries)
    {
        var fields = entries.ToDictionary(e => (string)e.Name!, e => e.Value);
        return fields.TryGetValue("workspace", out var workspace) && fields.TryGetValue("scope", out var scope) && fields.TryGetValue("expires", out var expires)
            ? new PortalLink(workspace!, scope!, DateTimeOffset.FromUnixTimeMilliseconds((long)expires))
            : null;
    }
}
