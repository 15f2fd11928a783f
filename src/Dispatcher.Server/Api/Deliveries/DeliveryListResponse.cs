using System.Text.Json.Serialization;
using Dispatcher.Core.Deliveries;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>A page of the delivery log, newest first; pass <c>nextCursor</c> back as <c>cursor</c> for the next (null: no more).</summary>
public sealed record DeliveryListResponse(
    IReadOnlyList<DeliveryLogEntry> Data,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);
