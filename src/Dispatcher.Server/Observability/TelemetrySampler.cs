using System.Diagnostics.Metrics;
using Dispatcher.Engine.Leases;
using Dispatcher.Engine.Limiter;
using Dispatcher.Engine.Telemetry;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Observability;

/// <summary>
/// Samples Redis on a timer (<c>Dispatcher:Telemetry:SampleInterval</c>, real clock) for the
/// gauges no event can drive: the Redis round trip (a PING), the backlog and the age of the oldest
/// due delivery of each partition this instance holds, and webhooks by status (only on the holder
/// of partition 0, so a cluster reports them once). Observable gauges report the last sample.
/// </summary>
public sealed partial class TelemetrySampler : BackgroundService
{
    private static readonly KeyValuePair<string, object?>[] PingTags = [new("db.system.name", "redis"), new("db.operation.name", "PING")];

    private readonly IConnectionMultiplexer _redis;
    private readonly LeaseTelemetry _leases;
    private readonly BacklogReader _backlog;
    private readonly WebhookCensus _census;
    private readonly DispatcherMetrics _metrics;
    private readonly EndpointRateLimiter _limiter;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger<TelemetrySampler> _logger;
    private readonly Histogram<double> _redisLatency;
    private PartitionSample[] _samples = [];

    public TelemetrySampler(
        IConnectionMultiplexer redis, LeaseTelemetry leases, BacklogReader backlog, WebhookCensus census, DispatcherMetrics metrics,
        EndpointRateLimiter limiter, IOptions<DispatcherOptions> options, IMeterFactory meters, TimeProvider time, ILogger<TelemetrySampler> logger)
    {
        (_redis, _leases, _backlog, _census, _metrics, _limiter) = (redis, leases, backlog, census, metrics, limiter);
        (_interval, _time, _logger) = (options.Value.Telemetry.SampleInterval, time, logger);
        var meter = meters.Create(DispatcherMetrics.MeterName);
        _redisLatency = meter.CreateHistogram("db.client.operation.duration", "s", "Redis round trip of the sampler's PING", null, DispatcherMetrics.Advice());
        meter.CreateObservableGauge("dispatcher.delivery.backlog", Backlog, "{delivery}",
            "Deliveries waiting in Redis per partition held here: due now, or scheduled later");
        meter.CreateObservableGauge("dispatcher.delivery.oldest_due.age", OldestDue, "s",
            "How long the earliest due delivery of each partition held here has waited");
        meter.CreateObservableGauge("dispatcher.webhooks", Webhooks, "{webhook}", "Webhooks by status (reported by the holder of partition 0)");
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // The limiter lives in Core, which knows nothing of metrics: it reports its waits through this hook.
        _limiter.Waited = _metrics.LimiterWaited;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Sampling is not a schedule: it runs on the real clock even when tests drive a fake one.
        using var timer = new PeriodicTimer(_interval, TimeProvider.System);
        try
        {
            do
            {
                try
                {
                    await SampleAsync();
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // Redis lost/regained is logged once by RedisConnectionMonitor; the gauges keep their last values.
                    LogSampleFailed(_logger, ex.GetType().Name);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SampleAsync()
    {
        var latency = await _redis.GetDatabase().PingAsync();
        _redisLatency.Record(latency.TotalSeconds, PingTags);
        int[] held = _leases.HeldPartitions();
        var now = _time.GetUtcNow();
        Volatile.Write(ref _samples, await Task.WhenAll(held.Select(p => _backlog.ReadAsync(p, now))));
        if (held.Contains(0) && await _census.StepAsync())
        {
            LogCensus(_logger, _census.Counts.Values.Sum());
        }
        LogSampled(_logger, held.Length, latency.TotalMilliseconds);
    }

    private IEnumerable<Measurement<long>> Backlog() => Volatile.Read(ref _samples).SelectMany(s => new[]
    {
        new Measurement<long>(s.Due, new("partition", s.Partition), new("state", "due")),
        new Measurement<long>(s.Scheduled, new("partition", s.Partition), new("state", "scheduled")),
    });

    private IEnumerable<Measurement<double>> OldestDue() =>
        Volatile.Read(ref _samples).Select(s => new Measurement<double>(s.OldestDueAge.TotalSeconds, new KeyValuePair<string, object?>("partition", s.Partition)));

    private IEnumerable<Measurement<long>> Webhooks() => _leases.HeldPartitions().Contains(0)
        ? _census.Counts.Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key)))
        : [];
}
