using System.Diagnostics.Metrics;

namespace Dispatcher.Server.Observability;

/// <summary>
/// Dispatcher's instruments, on the <c>Dispatcher</c> meter. Tags hold only bounded values
/// (outcomes, status classes, reasons) — never ids or URLs; per-webhook detail is in the delivery log.
/// </summary>
public sealed class DispatcherMetrics
{
    public const string MeterName = "Dispatcher";

    private readonly Counter<long> _ingested;
    private readonly Counter<long> _attempts;
    private readonly Counter<long> _statusChanges;
    private readonly Histogram<double> _attemptDuration;

    public DispatcherMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _ingested = meter.CreateCounter<long>("dispatcher.ingest.events", "{event}", "Events received from producers, by outcome");
        _attempts = meter.CreateCounter<long>("dispatcher.delivery.attempts", "{attempt}", "Delivery attempts, by outcome and status class");
        _statusChanges = meter.CreateCounter<long>("dispatcher.webhook.status_changes", "{change}", "Webhooks turning enabled, failing or disabled");
        _attemptDuration = meter.CreateHistogram<double>("dispatcher.delivery.duration", "s", "Time from sending an attempt to its answer");
    }

    /// <param name="outcome">accepted, duplicate or rejected.</param>
    /// <param name="reason">The rejection reason, or null.</param>
    public void Ingested(string outcome, string? reason, int count = 1) =>
        _ingested.Add(count, new("outcome", outcome), new("reason", reason ?? ""));

    /// <param name="outcome">The delivery log's outcome (succeeded, retrying, failed, paused, disabled).</param>
    /// <param name="statusCode">The receiver's status, 0 when there was none (timeout, connection error).</param>
    public void Attempted(string outcome, int statusCode, TimeSpan duration)
    {
        var statusClass = new KeyValuePair<string, object?>("http.status_class", statusCode == 0 ? "none" : $"{statusCode / 100}xx");
        _attempts.Add(1, new("outcome", outcome), statusClass);
        _attemptDuration.Record(duration.TotalSeconds, statusClass);
    }

    public void StatusChanged(string status) => _statusChanges.Add(1, new KeyValuePair<string, object?>("status", status));
}
