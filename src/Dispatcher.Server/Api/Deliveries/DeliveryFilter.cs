using System.Globalization;
using Dispatcher.Core.Deliveries;
using Dispatcher.Redis.Deliveries;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>
/// Which deliveries a listing shows, decided on each delivery's summary alone (never its attempts'
/// bodies): its latest outcome, its latest status class, its event type, and its latest attempt's time
/// in [<see cref="Since"/>, <see cref="Until"/>). A null set lets every value through.
/// </summary>
public sealed record DeliveryFilter(
    IReadOnlySet<DeliveryOutcome>? Outcomes,
    IReadOnlySet<StatusClass>? Classes,
    IReadOnlySet<string>? EventTypes,
    DateTimeOffset? Since,
    DateTimeOffset? Until)
{
    public bool Matches(DeliverySummary summary) =>
        (Outcomes is null || Outcomes.Contains(summary.Outcome))
        && (Classes is null || Classes.Contains(StatusClasses.Of(summary.StatusCode)))
        && (EventTypes is null || EventTypes.Contains(summary.EventType))
        && (Since is null || summary.LastAt >= Since)
        && (Until is null || summary.LastAt < Until);

    /// <summary>Reads the query's filters (each a comma-separated list, times ISO 8601); an <see cref="ApiError"/> names the first bad one.</summary>
    public static (DeliveryFilter? Filter, ApiError? Error) Parse(string? outcome, string? statusClass, string? eventType, string? since, string? until)
    {
        HashSet<DeliveryOutcome>? outcomes = null;
        foreach (string name in Split(outcome))
        {
            if (!DeliveryOutcomes.TryParse(name, out var parsed))
            {
                return (null, ApiError.BadRequest("INVALID_OUTCOME", $"outcome must be one of: {string.Join(", ", DeliveryOutcomes.All)}", [name]));
            }
            (outcomes ??= []).Add(parsed);
        }
        HashSet<StatusClass>? classes = null;
        foreach (string name in Split(statusClass))
        {
            if (!StatusClasses.TryParse(name, out var parsed))
            {
                return (null, ApiError.BadRequest("INVALID_STATUS_CLASS", $"statusClass must be one of: {string.Join(", ", StatusClasses.All)}", [name]));
            }
            (classes ??= []).Add(parsed);
        }
        HashSet<string>? types = eventType is null ? null : Split(eventType).ToHashSet(StringComparer.Ordinal);
        if (types is { Count: 0 })
        {
            return (null, ApiError.BadRequest("INVALID_EVENT_TYPE", "eventType must name at least one event type"));
        }
        if (!TryTime(since, out var from))
        {
            return (null, ApiError.BadRequest("INVALID_SINCE", "since must be an ISO 8601 time, e.g. 2026-11-24T00:00:00Z"));
        }
        if (!TryTime(until, out var to))
        {
            return (null, ApiError.BadRequest("INVALID_UNTIL", "until must be an ISO 8601 time, e.g. 2026-11-24T00:00:00Z"));
        }
        if (from is not null && to is not null && to <= from)
        {
            return (null, ApiError.BadRequest("INVALID_UNTIL", "until must be later than since"));
        }
        return (new DeliveryFilter(outcomes, classes, types, from, to), null);
    }

    private static IEnumerable<string> Split(string? list) =>
        list is null ? [] : list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Absent is fine; present must be a time with a date (a bare offset-less time is read as UTC).</summary>
    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }
        return false;
    }
}
