using System.Globalization;
using System.Text.Json;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.Limits;
using Dispatcher.Server.Api.OpenApi;
// Not Microsoft.Extensions.Logging.EventId, which the server imports everywhere.
using EventId = Dispatcher.Core.Events.EventId;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>The delivery log and replays: <c>/v1/webhooks/{id}/deliveries</c> and <c>/recover</c>.</summary>
public static class DeliveryEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    /// <summary>Under <c>/v1/webhooks/{id}</c> and, like every webhook route, <c>/api/webhooks/{id}</c>.</summary>
    public static void MapDeliveries(this IEndpointRouteBuilder routes) => routes.MapUnderWebhooks("/{id}", MapDeliveries);

    private static void MapDeliveries(RouteGroupBuilder group)
    {
        group.WithTags("Deliveries");
        group.MapGet("/deliveries", ListAsync)
            .WithName("ListDeliveries")
            .WithSummary("Read a webhook's delivery log")
            .WithDescription("One entry per attempt, newest first; pass `nextCursor` back as `cursor` for the next page (null: no more). " +
                "`limit` is 1 to 500 (default 50); `outcome` keeps one outcome only.")
            .Produces<DeliveryListResponse>()
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/deliveries/{deliveryId}/replay", ReplayAsync)
            .WithName("ReplayDelivery")
            .WithSummary("Send a delivery again")
            .WithDescription("Sent again now, replacing a pending retry of it (never doubling it). `410` once its event is past retention.")
            .Produces<ReplayResponse>(StatusCodes.Status202Accepted)
            .ProducesApiErrors(StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status429TooManyRequests);
        group.MapPost("/recover", RecoverAsync)
            .WithName("RecoverDeliveries")
            .WithSummary("Send again every delivery that failed since a time")
            .Accepts<RecoverRequest>("application/json")
            .Produces<RecoverResponse>(StatusCodes.Status202Accepted)
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> ListAsync(
        string id, HttpContext http, WebhookStore webhooks, DeliveryLogStore log, int? limit, string? cursor, string? outcome)
    {
        string workspace = http.User.Workspace();
        if (await webhooks.GetAsync(workspace, id) is null)
        {
            return NotFound(id);
        }
        int take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ApiError.BadRequest("INVALID_LIMIT", $"limit must be between 1 and {MaxLimit}");
        }
        int skip = 0;
        if (cursor is not null && (!int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out skip) || skip < 0))
        {
            return ApiError.BadRequest("INVALID_CURSOR", "cursor must be a value returned as nextCursor");
        }
        DeliveryOutcome? only = null;
        if (outcome is not null)
        {
            if (!DeliveryOutcomes.TryParse(outcome, out var parsed))
            {
                return ApiError.BadRequest("INVALID_OUTCOME", $"outcome must be one of: {string.Join(", ", DeliveryOutcomes.All)}");
            }
            only = parsed;
        }
        var entries = (await log.ReadAsync(new WebhookId(id))).Where(e => only is null || e.Outcome == only).ToList();
        var page = entries.Skip(skip).Take(take).ToList();
        string? next = skip + page.Count < entries.Count ? (skip + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Results.Json(new DeliveryListResponse(page, next), ApiJson.Options);
    }

    private static async Task<IResult> ReplayAsync(
        string id, string deliveryId, HttpContext http, WebhookStore webhooks, DeliveryLogStore log, Replayer replayer, SendLimiter limiter)
    {
        string workspace = http.User.Workspace();
        if (await webhooks.GetAsync(workspace, id) is null)
        {
            return NotFound(id);
        }
        var entry = (await log.FindAsync(new WebhookId(id), deliveryId)).FirstOrDefault();
        if (entry is null)
        {
            return ApiError.NotFound($"no delivery '{deliveryId}' in this webhook's delivery log");
        }
        if (await limiter.TryAcquireAsync(http.User) is { } limited)
        {
            return limited;
        }
        if (!await replayer.ReplayAsync(new WorkspaceId(workspace), new WebhookId(id), new DeliveryId(entry.DeliveryId), new EventId(entry.EventId)))
        {
            return Expired();
        }
        return Results.Json(new { deliveryId, status = "queued" }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> RecoverAsync(
        string id, HttpContext http, WebhookStore webhooks, DeliveryLogStore log, Replayer replayer, SendLimiter limiter)
    {
        string workspace = http.User.Workspace();
        if (await webhooks.GetAsync(workspace, id) is null)
        {
            return NotFound(id);
        }
        RecoverRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<RecoverRequest>(http.Request.Body, ApiJson.Options, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiError.BadRequest("INVALID_JSON", $"the body is not valid JSON: {ex.Message}");
        }
        if (request?.Since is not { } since)
        {
            return ApiError.BadRequest("INVALID_SINCE", "since is required, as an ISO 8601 time");
        }
        if (await limiter.TryAcquireAsync(http.User) is { } limited)
        {
            return limited;
        }
        var failed = (await log.ReadAsync(new WebhookId(id)))
            .Where(e => e.Outcome == DeliveryOutcome.Failed && e.At >= since)
            .DistinctBy(e => e.DeliveryId)
            .ToList();
        int queued = 0, expired = 0;
        foreach (var entry in failed)
        {
            if (await replayer.ReplayAsync(new WorkspaceId(workspace), new WebhookId(id), new DeliveryId(entry.DeliveryId), new EventId(entry.EventId)))
            {
                queued++;
            }
            else
            {
                expired++;
            }
        }
        return Results.Json(new { queued, expired }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static ApiError NotFound(string id) => ApiError.NotFound($"no webhook '{id}' in this workspace");

    private static ApiError Expired() =>
        new(StatusCodes.Status410Gone, "EXPIRED", "the event of this delivery is past its retention and can no longer be sent");
}
