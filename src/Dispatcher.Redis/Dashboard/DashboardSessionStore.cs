using StackExchange.Redis;

namespace Dispatcher.Redis.Dashboard;

/// <summary>
/// Dashboard sessions in Redis, one hash each under the SHA-256 of the browser's token, so every instance
/// serves every browser (no sticky sessions) and a session survives a restart. Redis expires the key with
/// the session; readers also compare <see cref="DashboardSession.ExpiresAt"/> with their own clock.
/// </summary>
public sealed class DashboardSessionStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task CreateAsync(string tokenHash, DashboardSession session)
    {
        var key = keys.DashboardSession(tokenHash);
        var write = Db.CreateTransaction();
        _ = write.HashSetAsync(key,
        [
            new("workspace", session.Workspace),
            new("scope", session.Scope),
            new("key", session.KeyHash ?? ""),
            new("csrf", session.CsrfToken),
            new("created", session.CreatedAt.ToUnixTimeMilliseconds()),
            new("expires", session.ExpiresAt.ToUnixTimeMilliseconds()),
        ]);
        _ = write.KeyExpireAsync(key, session.ExpiresAt.UtcDateTime);
        await write.ExecuteAsync().ConfigureAwait(false);
    }

    public async Task<DashboardSession?> FindAsync(string tokenHash)
    {
        var fields = (await Db.HashGetAllAsync(keys.DashboardSession(tokenHash)).ConfigureAwait(false)).ToDictionary(e => (string)e.Name!, e => e.Value);
        if (!fields.TryGetValue("workspace", out var workspace) || !fields.TryGetValue("scope", out var scope) ||
            !fields.TryGetValue("csrf", out var csrf) || !fields.TryGetValue("expires", out var expires) || !fields.TryGetValue("created", out var created))
        {
            return null;
        }
        string? keyHash = fields.TryGetValue("key", out var key) && !key.IsNullOrEmpty ? (string)key! : null;
        return new DashboardSession(workspace!, scope!, keyHash, csrf!,
            DateTimeOffset.FromUnixTimeMilliseconds((long)created), DateTimeOffset.FromUnixTimeMilliseconds((long)expires));
    }

    public Task DeleteAsync(string tokenHash) => Db.KeyDeleteAsync(keys.DashboardSession(tokenHash));
}
