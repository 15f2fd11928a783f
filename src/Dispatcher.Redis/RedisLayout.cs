using Dispatcher.Redis.Deliveries;
using StackExchange.Redis;

namespace Dispatcher.Redis;

/// <summary>
/// The version of the key layout, kept in <see cref="RedisKeys.Layout"/>. Layout 1 joined ids into
/// key names as they were; layout 2 escapes the workspace part (<see cref="KeyPart"/>); layout 3 keeps
/// delivery logs with the partition and no separate dedupe marker (<see cref="Layout3Migration"/>).
/// A server must never read data of another layout wrongly, so at start-up it stamps a fresh
/// keyspace, migrates a layout-2 one, and a layout-1 one when no key name changes, and otherwise
/// reports what it found so the caller refuses to start.
/// </summary>
public sealed class RedisLayout(IConnectionMultiplexer redis, RedisKeys keys, DeliveryLogLimits logLimits, TimeProvider time)
{
    public const int Current = 3;

    /// <summary>How long one instance may hold the migration before another may take it over.</summary>
    private static readonly TimeSpan MigrationLock = TimeSpan.FromMinutes(10);

    private const int PageSize = 1000;

    public async Task<LayoutVerdict> CheckAsync()
    {
        var db = redis.GetDatabase();
        var stored = await db.StringGetAsync(keys.Layout).ConfigureAwait(false);
        if (stored == "2")
        {
            return await MigrateAsync(db, from: 2, scanned: 0).ConfigureAwait(false);
        }
        if (!stored.IsNull)
        {
            return Judge(stored!);
        }
        if (!await db.KeyExistsAsync(keys.PartitionCount).ConfigureAwait(false))
        {
            // No server ever started here: whatever ingest writes from now on is layout 2.
            return await StampAsync(db, new LayoutVerdict(LayoutState.StampedFresh)).ConfigureAwait(false);
        }
        var (scanned, changed, example) = await ScanLayout1Async().ConfigureAwait(false);
        if (changed == 0)
        {
            // Layout-1 names that escaping leaves as they are are layout 2's: go on from there.
            return await MigrateAsync(db, from: 1, scanned).ConfigureAwait(false);
        }
        // Another instance may have stamped meanwhile, and its escaped keys are what the scan found.
        stored = await db.StringGetAsync(keys.Layout).ConfigureAwait(false);
        return stored.IsNull
            ? new LayoutVerdict(LayoutState.NeedsMigration, Scanned: scanned, Changed: changed, Example: example)
            : Judge(stored!);
    }

    /// <summary>
    /// Runs the layout-3 migration under a lock, so one instance moves the data while the others wait
    /// for its stamp; then stamps layout 3.
    /// </summary>
    private async Task<LayoutVerdict> MigrateAsync(IDatabase db, int from, long scanned)
    {
        string token = Guid.NewGuid().ToString("N");
        while (!await db.StringSetAsync(keys.LayoutMigrating, token, MigrationLock, When.NotExists).ConfigureAwait(false))
        {
            // Another instance is migrating: start once it has stamped the layout it migrated to.
            await Task.Delay(TimeSpan.FromSeconds(1), time).ConfigureAwait(false);
            if (await db.StringGetAsync(keys.Layout).ConfigureAwait(false) is { IsNull: false } stamped && stamped != "2")
            {
                return Judge(stamped!);
            }
        }
        try
        {
            var stored = await db.StringGetAsync(keys.Layout).ConfigureAwait(false);
            if (!stored.IsNull && stored != "2")
            {
                return Judge(stored!);
            }
            int partitionCount = (int?)await db.StringGetAsync(keys.PartitionCount).ConfigureAwait(false) ?? 0;
            long moved = partitionCount > 0
                ? await new Layout3Migration(redis, keys).RunAsync(partitionCount, logLimits).ConfigureAwait(false)
                : 0;
            await db.StringSetAsync(keys.Layout, Current).ConfigureAwait(false);
            return new LayoutVerdict(LayoutState.StampedMigrated, stored.IsNull ? "" : stored!, Scanned: scanned) { From = from, MovedLogs = moved };
        }
        finally
        {
            await db.ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
                [keys.LayoutMigrating], [token]).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// True when a layout-1 key's name is not what layout 2 builds for the same ids: its workspace
    /// part holds '%', ':', '{' or '}' (the last part of a key, an event, webhook or caller id, is not
    /// escaped, so it never changes). A workspace with ':' makes its layout-1 keys ambiguous
    /// (<c>dedupe:acme:eu:1</c>), so they cannot be renamed; its webhooks' <c>{ws:…}</c> keys show it.
    /// Dedupe markers and event bodies are read up to their first ':', which in layout 1 may cut such
    /// a workspace short: that workspace's registry keys are what find it. A workspace with ':' and
    /// no webhooks had nothing delivered, so its markers matter to no receiver.
    /// </summary>
    public static bool NameChanges(string prefix, string key)
    {
        if (!key.StartsWith(prefix + ":", StringComparison.Ordinal))
        {
            return false;
        }
        string rest = key[(prefix.Length + 1)..];
        if (rest.StartsWith("dedupe:", StringComparison.Ordinal))
        {
            return !IsPlain(FirstPart(rest["dedupe:".Length..]));
        }
        if (rest.StartsWith("{ws:", StringComparison.Ordinal) || rest.StartsWith("{agg:", StringComparison.Ordinal))
        {
            int open = rest.IndexOf(':', StringComparison.Ordinal) + 1;
            int close = rest.IndexOf('}', StringComparison.Ordinal);
            // No '}' closing the tag where one should be, or a workspace that layout 2 escapes.
            return close < 0 || !IsPlain(rest[open..close]) || !KnownAfterTag(rest[(close + 1)..]);
        }
        if (rest.StartsWith("{p:", StringComparison.Ordinal))
        {
            int close = rest.IndexOf('}', StringComparison.Ordinal);
            string after = close < 0 ? "" : rest[(close + 1)..];
            return after.StartsWith(":ev:", StringComparison.Ordinal) && !IsPlain(FirstPart(after[":ev:".Length..]));
        }
        return false;
    }

    private static bool IsPlain(string part) => part.AsSpan().IndexOfAny("%:{}") < 0;

    private static string FirstPart(string parts) => parts.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0 ? parts[..colon] : parts;

    /// <summary>What follows a workspace tag in layout 1 and 2 alike; anything else means a '}' in the workspace cut the tag short.</summary>
    private static bool KnownAfterTag(string after) =>
        after is ":whs" or ":ver" or ":open" or ":closed"
        || ((string[])[":wh:", ":log:", ":n:", ":win:"]).Any(kind => after.StartsWith(kind, StringComparison.Ordinal));

    private static LayoutVerdict Judge(string stored) =>
        stored == Current.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? new LayoutVerdict(LayoutState.Current, stored)
            : new LayoutVerdict(LayoutState.Unknown, stored);

    private async Task<LayoutVerdict> StampAsync(IDatabase db, LayoutVerdict stamped)
    {
        if (await db.StringSetAsync(keys.Layout, Current, when: When.NotExists).ConfigureAwait(false))
        {
            return stamped;
        }
        // Another instance stamped first: go by what it wrote.
        return Judge((string?)await db.StringGetAsync(keys.Layout).ConfigureAwait(false) ?? "");
    }

    /// <summary>SCANs every primary (each cluster node holds its own slots) for layout-1 keys whose names change.</summary>
    private async Task<(long Scanned, long Changed, string Example)> ScanLayout1Async()
    {
        long scanned = 0, changed = 0;
        string example = "";
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: GlobEscape(keys.Prefix) + ":*", pageSize: PageSize).ConfigureAwait(false))
            {
                scanned++;
                string name = key.ToString();
                if (NameChanges(keys.Prefix, name))
                {
                    changed++;
                    if (example.Length == 0)
                    {
                        example = name;
                    }
                }
            }
        }
        return (scanned, changed, example);
    }

    /// <summary>The prefix as a literal in a SCAN MATCH pattern.</summary>
    internal static string GlobEscape(string prefix) =>
        string.Concat(prefix.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? "\\" + c : c.ToString()));
}
