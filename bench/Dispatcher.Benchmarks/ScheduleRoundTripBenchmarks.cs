using System.Text;
using BenchmarkDotNet.Attributes;
using Dispatcher.Core.Events;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis;
using Dispatcher.Redis.Ingest;
using Dispatcher.Redis.Schedule;
using StackExchange.Redis;

namespace Dispatcher.Benchmarks;

/// <summary>
/// One trip through the Redis schedule against a real local redis-server: an event written for one
/// webhook (the ingest script and dedupe marker), and a due delivery claimed and settled done.
/// </summary>
public class ScheduleRoundTripBenchmarks
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private BenchRedisServer _redis = null!;
    private ConnectionMultiplexer _connection = null!;
    private IngestStore _ingest = null!;
    private ScheduleStore _schedule = null!;
    private Webhook _webhook = null!;
    private int _partition;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _redis = BenchRedisServer.Start();
        _connection = ConnectionMultiplexer.Connect($"127.0.0.1:{_redis.Port}");
        var keys = new RedisKeys("bench");
        var partitions = new PartitionMap(64);
        _ingest = new IngestStore(_connection, keys, partitions);
        _schedule = new ScheduleStore(_connection, keys);
        _webhook = new Webhook("wh_bench", "ws_bench", new Uri("https://example.com/hook"), ["link.clicked"], "whsec_bench", DateTimeOffset.UtcNow);
        _partition = partitions.PartitionOf(_webhook.Id);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _connection.Dispose();
        _redis.Dispose();
    }

    [Benchmark(Description = "ingest: one event to one webhook, durable")]
    public Task<IngestOutcome[]> Ingest() =>
        _ingest.WriteAsync([new IngestItem(NextEvent(), [_webhook])], DateTimeOffset.UtcNow, Window, new HashSet<int>());

    [Benchmark(Description = "ingest + claim + settle done")]
    public async Task<bool> RoundTrip()
    {
        var now = DateTimeOffset.UtcNow;
        await _ingest.WriteAsync([new IngestItem(NextEvent(), [_webhook])], now, Window, new HashSet<int>());
        var claimed = await _schedule.ClaimAsync(_partition, _webhook.Id, now, now.AddMinutes(1), 1);
        return await _schedule.SettleAsync(_partition, claimed[0], Settlement.Done);
    }

    private StoredEvent NextEvent() => new(
        $"evt_{Interlocked.Increment(ref _next)}", "ws_bench", "link.clicked", DateTimeOffset.UtcNow,
        Encoding.UTF8.GetBytes("""{"linkId":"lnk_8f3c_a91","shortCode":"promo-2026","country":"SA"}"""));
}
