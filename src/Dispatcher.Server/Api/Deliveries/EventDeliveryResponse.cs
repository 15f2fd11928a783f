using System.Text.Json.Serialization;
using Dispatcher.Core.Deliveries;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>
/// One webhook's delivery of the event: its latest outcome and status (null before the first attempt),
/// whether it is still queued (a first attempt or a retry to come), and its attempts, newest first.
/// </summary>
public sealed record EventDeliveryResponse(
    string WebhookId,
    string Endpoint,
    string DeliveryId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DeliveryOutcome? Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? StatusCode,
    bool Queued,
    IReadOnlyList<DeliveryLogEntry> Attempts);
