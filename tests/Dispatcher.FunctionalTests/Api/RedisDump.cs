using System.Text;
using Dispatcher.Testing;
using StackExchange.Redis;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>
/// Every key under a test's prefix with every value it holds, as text: to prove a secret is
/// nowhere in Redis, or that a refused call changed nothing at all.
/// </summary>
public static class RedisDump
{
    public static async Task<SortedDictionary<string, string>> AllAsync(RedisServerFixture redis, string prefix)
    {
        var dump = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string key in await redis.KeysAsync(prefix))
        {
            dump[key] = await ValuesAsync(redis.Db, key);
        }
        return dump;
    }

    private static async Task<string> ValuesAsync(IDatabase db, RedisKey key)
    {
        var text = new StringBuilder();
        switch (await db.KeyTypeAsync(key))
        {
            case RedisType.String:
                text.Append((string?)await db.StringGetAsync(key));
                break;
            case RedisType.Hash:
                foreach (var entry in (await db.HashGetAllAsync(key)).OrderBy(e => (string?)e.Name, StringComparer.Ordinal))
                {
                    text.Append(entry.Name).Append('=').Append(entry.Value).Append('\n');
                }
                break;
            case RedisType.List:
                text.AppendJoin('\n', await db.ListRangeAsync(key));
                break;
            case RedisType.Set:
                text.AppendJoin('\n', (await db.SetMembersAsync(key)).Select(v => (string?)v).Order(StringComparer.Ordinal));
                break;
            case RedisType.SortedSet when key.ToString().EndsWith(":members", StringComparison.Ordinal):
                // Who is a member, not when it last beat: every running instance rewrites its heartbeat
                // (Redis's clock) on a timer, which would make any before/after comparison a race.
                text.AppendJoin('\n', (await db.SortedSetRangeByRankAsync(key)).Select(v => (string?)v));
                break;
            case RedisType.SortedSet:
                text.AppendJoin('\n', (await db.SortedSetRangeByRankWithScoresAsync(key)).Select(e => $"{e.Element}@{e.Score}"));
                break;
            default:
                text.Append("<unexpected type>");
                break;
        }
        return text.ToString();
    }
}
