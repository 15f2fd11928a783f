using Dispatcher.Redis;
using StackExchange.Redis;

namespace Dispatcher.Server.Observability;

/// <summary>
/// Counts webhooks by status with a paced SCAN of the registry keys: each call runs at most
/// <see cref="ScansPerCall"/> SCAN pages (and one pipelined HGET per webhook found) and resumes
/// where the last one stopped, so its cost per sample is bounded whatever the keyspace holds.
/// The counts published are those of the last complete pass.
/// </summary>
public sealed class WebhookCensus(IConnectionMultiplexer redis, RedisKeys keys)
{
    private const int ScansPerCall = 4;
    private const int PageSize = 1000;

    private readonly Dictionary<string, long> _counting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _cursors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finished = new(StringComparer.Ordinal);

    /// <summary>Webhooks by status (enabled, failing, disabled) as of the last complete pass; empty before one.</summary>
    public IReadOnlyDictionary<string, long> Counts { get; private set; } = new Dictionary<string, long>();

    /// <summary>Runs the next few SCAN pages; true when they completed a pass and <see cref="Counts"/> changed.</summary>
    public async Task<bool> StepAsync()
    {
        var db = redis.GetDatabase();
        string pattern = $"{keys.Prefix}:{{ws:*}}:wh:*";
        var servers = redis.GetServers().Where(s => s.IsConnected && !s.IsReplica).ToList();
        foreach (var server in servers)
        {
            string name = server.EndPoint.ToString() ?? "";
            if (_finished.Contains(name))
            {
                // Its pass is done; scanning it again before the others finish would count it twice.
                continue;
            }
            long cursor = _cursors.GetValueOrDefault(name);
            for (int page = 0; page < ScansPerCall; page++)
            {
                var result = (RedisResult[])(await server.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", PageSize).ConfigureAwait(false))!;
                cursor = (long)result[0];
                var found = ((RedisResult[])result[1]!).Select(k => (RedisKey)(string)k!).ToList();
                var statuses = found.Select(k => db.HashGetAsync(k, "status")).ToList();
                foreach (var status in statuses)
                {
                    // Only the known statuses become tag values, whatever a hash holds.
                    string value = ((string?)await status.ConfigureAwait(false))?.ToLowerInvariant() switch
                    {
                        null or "enabled" => "enabled",
                        "failing" => "failing",
                        "disabled" => "disabled",
                        _ => "unknown",
                    };
                    _counting[value] = _counting.GetValueOrDefault(value) + 1;
                }
                if (cursor == 0)
                {
                    break;
                }
            }
            _cursors[name] = cursor;
            if (cursor == 0)
            {
                _finished.Add(name);
            }
        }
        if (servers.Count > 0 && servers.All(s => _finished.Contains(s.EndPoint.ToString() ?? "")))
        {
            Counts = new Dictionary<string, long>(_counting, StringComparer.Ordinal);
            _counting.Clear();
            _finished.Clear();
            return true;
        }
        return false;
    }
}
