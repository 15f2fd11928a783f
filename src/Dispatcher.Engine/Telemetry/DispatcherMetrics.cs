using System.Diagnostics.Metrics;
using Dispatcher.Core.Deliveries;
using Dispatcher.Engine.Claims;
using Dispatcher.Engine.Leases;

namespace Dispatcher.Engine.Telemetry;

/// <summary>
/// Dispatcher's instruments, on the <c>Dispatcher</c> meter. Tags hold only bounded values
/// (outcomes, status classes, reasons) — never ids or URLs; per-webhook detail is in the delivery log.
/// Gauges sampled from Redis live in the server's <c>TelemetrySampler</c> and in <see cref="LeaseTelemetry"/>.
/// </summary>
public sealed class DispatcherMetrics
{
    public const string MeterName = "Dispatcher";

    // Seconds, from 5 ms to a day: an answer takes milliseconds, a retry that waits its turn hours.
    private static readonly IReadOnlyList<double> Buckets =
        [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 300, 900, 3600, 21600, 86400];

    private readonly TimeProvider _time;
    private readonly Counter<long> _ingested;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _statusChanges;
    private readonly Histogram<double> _attemptDuration;
    private readonly Histogram<double> _ackDuration;
    private readonly Histogram<double> _dueToSent;
    private readonly Histogram<double> _limiterWait;
    private readonly Counter<long> _expired;

    public DispatcherMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(MeterName);
        _ingested = meter.CreateCounter<long>("dispatcher.ingest.events", "{event}", "Events received from producers, by outcome");
        _attempts = meter.CreateCounter<long>("dispatcher.delivery.attempts", "{attempt}", "Delivery attempts, by outcome and status class");
        _statusChanges = meter.CreateCounter<long>("dispatcher.webhook.status_changes", "{change}", "Webhooks turning enabled, failing or disabled");
        _attemptDuration = meter.CreateHistogram<double>("dispatcher.delivery.duration", "s", "Time from sending an attempt to its answer");
        _ackDuration = meter.CreateHistogram("dispatcher.ingest.ack.duration", "s",
            "Time from a PublishRequest being read to its PublishResponse being written (one per request, not per event)", null, Advice());
        _dueToSent = meter.CreateHistogram("dispatcher.delivery.lag", "s",
            "Time from a delivery being due to its attempt being sent (after the endpoint's token bucket allowed it)", null, Advice());
        _expired = meter.CreateCounter<long>("dispatcher.delivery.expired", "{delivery}",
            "Deliveries dropped from the schedule because their event outlived its retention (Dispatcher:Ingest:DedupeWindow)");
        _limiterWait = meter.CreateHistogram("dispatcher.delivery.limiter.wait.duration", "s",
            "Time an attempt waited for its endpoint's token bucket; recorded only when it had to wait", null, Advice());
    }

    /// <summary>Deliveries dropped unsent: their event outlived its retention.</summary>
    public void Expired(int count) => _expired.Add(count);

    /// <param name="outcome">accepted, duplicate or rejected.</param>
    /// <param name="reason">The rejection reason, or null.</param>
    public void Ingested(string outcome, string? reason, int count = 1) =>
        _ingested.Add(count, new("outcome", outcome), new("reason", reason ?? ""));

    /// <summary>A PublishResponse was written <paramref name="elapsed"/> after its request was read.</summary>
    public void Acknowledged(TimeSpan elapsed) => _ackDuration.Record(elapsed.TotalSeconds);

    /// <summary>
    /// An attempt is about to be sent: records how late it is against its due time and opens its
    /// span (current until disposed).
    /// </summary>
    public System.Diagnostics.Activity? AttemptStarting(QueuedDelivery queued)
    {
        if (queued.Claim.DueAt is { } due)
        {
            var lag = _time.GetUtcNow() - due;
            _dueToSent.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("retry", queued.Claim.AttemptsMade > 0));
        }
        return DispatcherTracing.StartAttempt(queued);
    }

    /// <summary>An attempt waited for a token of its endpoint's bucket.</summary>
    public void LimiterWaited(TimeSpan waited) => _limiterWait.Record(waited.TotalSeconds);

    /// <param name="outcome">The delivery log's outcome, tagged by its wire name (succeeded, retrying, failed, paused, disabled).</param>
    /// <param name="statusCode">The receiver's status, 0 when there was none (timeout, connection error).</param>
    public void Attempted(DeliveryOutcome outcome, int statusCode, TimeSpan duration)
    {
        var statusClass = new KeyValuePair<string, object?>("http.status_class", statusCode == 0 ? "none" : $"{statusCode / 100}xx");
        _attempts.Add(1, new("outcome", outcome.ToWireName()), statusClass);
        _attemptDuration.Record(duration.TotalSeconds, statusClass);
        DispatcherTracing.AttemptCompleted(outcome, statusCode);
    }

    public void StatusChanged(string status) => _statusChanges.Add(1, new KeyValuePair<string, object?>("status", status));

    internal static InstrumentAdvice<double> Advice() => new() { HistogramBucketBoundaries = Buckets };
}
