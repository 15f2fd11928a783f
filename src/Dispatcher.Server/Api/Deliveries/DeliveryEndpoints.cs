using System.Globalization;
using System.Text.Json;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Enqueuing;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Schedule;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.Limits;
using Dispatcher.Server.Api.OpenApi;
// Not Microsoft.Extensions.Logging.EventId, which the server imports everywhere.
using EventId = Dispatcher.Core.Events.EventId;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary>The delivery log and replays: <c>/v1/webhooks/{id}/deliveries</c> and <c>/recover</c>, and an event's deliveries.</summary>
public static class DeliveryEndpoints
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 500;

    /// <summary>Under <c>/v1/webhooks/{id}</c> and, like every webhook route, <c>/api/webhooks/{id}</c>.</summary>
    public static void MapDeliveries(this IEndpointRouteBuilder routes)
    {
        routes.MapUnderWebhooks("/{id}", MapDeliveries);
        routes.MapEventDeliveries();
    }

    private static void MapDeliveries(RouteGroupBuilder group)
    {
        group.WithTags("Deliveries");
        group.MapGet("/deliveries", ListAsync)
            .WithName("ListDeliveries")
            .WithSummary("Read a webhook's delivery log")
            .WithDescription("One entry per attempt: the newest delivery first, each delivery's attempts together, newest first. " +
                "The filters (`outcome`, `statusClass`, `eventType`: comma-separated lists; `since`, `until`) decide on each delivery as a whole, " +
                "by its latest attempt, and must all match. Pass `nextCursor` back as `cursor`, with the same filters, for the next page (null: no more); " +
                "`limit` (1 to 500, default 50) counts attempts.")
            .Produces<DeliveryListResponse>()
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/deliveries/{deliveryId}/replay", ReplayAsync)
            .WithName("ReplayDelivery")
            .WithSummary("Send a delivery again")
            .WithDescription("Sent again now, replacing a pending retry of it (never doubling it). `410` once its event is past retention; " +
                "`404` for an unknown delivery, or a webhook deleted meanwhile. Test, replay and recover calls share a per-key limit.")
            .Produces<ReplayResponse>(StatusCodes.Status202Accepted)
            .ProducesApiErrors(StatusCodes.Status404NotFound, StatusCodes.Status410Gone, StatusCodes.Status429TooManyRequests);
        group.MapPost("/recover", RecoverAsync)
            .WithName("RecoverDeliveries")
            .WithSummary("Send again every delivery that failed since a time")
            .WithDescription("Every delivery of the webhook that failed for good at or after `since` (and before `until`, if given) whose event " +
                "is still kept, also beyond the log's last 500. The answer says how many were queued, how many were left alone because a replay " +
                "of them succeeded since (`alreadyDelivered`), and how many could not be sent again, and why (`notRecovered`; `expired` repeats " +
                "`notRecovered.expired`). Test, replay and recover calls share a per-key limit.")
            .DescribesJsonBody<RecoverRequest, RouteHandlerBuilder>()
            .Produces<RecoverResponse>(StatusCodes.Status202Accepted)
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> ListAsync(
        string id, HttpContext http, WebhookStore webhooks, DeliveryLogPager pager, int? limit, string? cursor,
        string? outcome, string? statusClass, string? eventType, string? since, string? until)
    {
        string workspace = http.User.Workspace();
        if (await webhooks.GetAsync(workspace, id) is null)
        {
            return ApiError.NoWebhook(id);
        }
        int take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ApiError.BadRequest("INVALID_LIMIT", $"limit must be between 1 and {MaxLimit}");
        }
        // A number is the offset form clients used before the opaque cursor: still answered in kind.
        DeliveryLogCursor? after = null;
        int? offset = null;
        if (cursor is not null)
        {
            if (int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out int skip))
            {
                offset = skip;
            }
            else if (!DeliveryLogCursor.TryDecode(cursor, out after))
            {
                return ApiError.BadRequest("INVALID_CURSOR", "cursor must be a value returned as nextCursor");
            }
        }
        var (filter, error) = DeliveryFilter.Parse(outcome, statusClass, eventType, since, until);
        if (error is not null)
        {
            return error;
        }
        return Results.Json(await pager.PageAsync(new WebhookId(id), filter!, after, offset, take), ApiJson.Options);
    }

    private static async Task<IResult> ReplayAsync(
        string id, string deliveryId, HttpContext http, WebhookStore webhooks, DeliveryLogStore log, Replayer replayer, SendLimiter limiter)
    {
        string workspace = http.User.Workspace();
        if (await webhooks.GetAsync(workspace, id) is null)
        {
            return ApiError.NoWebhook(id);
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
        var result = await replayer.ReplayAsync(new WorkspaceId(workspace), new WebhookId(id), new DeliveryId(entry.DeliveryId), new EventId(entry.EventId));
        if (result == ReplayResult.Expired)
        {
            return Expired();
        }
        if (result == ReplayResult.WebhookDeleted)
        {
            // Deleted between the check above and the replay.
            return ApiError.NoWebhook(id);
        }
        return Results.Json(new { deliveryId, status = "queued" }, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> RecoverAsync(
        string id, HttpContext http, WebhookStore webhooks, DeliveryRecovery recovery, SendLimiter limiter)
    {
        string workspace = http.User.Workspace();
        if (await webhooks.GetAsync(workspace, id) is null)
        {
            return ApiError.NoWebhook(id);
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
        if (request.Until is { } until && until <= since)
        {
            return ApiError.BadRequest("INVALID_UNTIL", "until must be later than since");
        }
        if (await limiter.TryAcquireAsync(http.User) is { } limited)
        {
            return limited;
        }
        var answer = await recovery.RecoverAsync(new WorkspaceId(workspace), new WebhookId(id), since, request.Until);
        return Results.Json(answer, ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }


    private static ApiError Expired() =>
        new(StatusCodes.Status410Gone, "EXPIRED", "the event of this delivery is past its retention and can no longer be sent");
}
