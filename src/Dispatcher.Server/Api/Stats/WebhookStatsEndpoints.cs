using Dispatcher.Redis.Stats;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.OpenApi;

namespace Dispatcher.Server.Api.Stats;

/// <summary>A webhook's delivery counters: <c>/v1/webhooks/{id}/stats</c>.</summary>
public static class WebhookStatsEndpoints
{
    /// <summary>Under <c>/v1/webhooks/{id}</c> and, like every webhook route, <c>/api/webhooks/{id}</c>.</summary>
    public static void MapWebhookStats(this IEndpointRouteBuilder routes) => routes.MapUnderWebhooks("/{id}", MapStats);

    private static void MapStats(RouteGroupBuilder group)
    {
        group.WithTags("Deliveries");
        group.MapGet("/stats", GetAsync)
            .WithName("GetWebhookStats")
            .WithSummary("Count a webhook's attempts by outcome over the last hour or day")
            .WithDescription("From counters the server keeps as attempts are logged, not from the delivery log, so they cover every attempt. " +
                "`window=hour` (the default): 60 one-minute buckets; `window=day`: 96 buckets of 15 minutes. Buckets are oldest first, " +
                "aligned on UTC minutes (quarter hours), the last one still filling; `expired` counts deliveries dropped unsent, which " +
                "`totals.attempts` leaves out; `totals.successRate` is absent when there were no attempts.")
            .Produces<WebhookStatsResponse>()
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> GetAsync(string id, string? window, HttpContext http, WebhookStore webhooks, WebhookStatsReader stats)
    {
        if (!StatsWindows.TryParse(window, out var parsed))
        {
            return ApiError.BadRequest("INVALID_WINDOW", "window must be one of: hour, day", [window!]);
        }
        string workspace = http.User.Workspace();
        if (await webhooks.GetAsync(workspace, id) is null)
        {
            return ApiError.NoWebhook(id);
        }
        var read = await stats.ReadAsync(workspace, id, parsed, http.RequestAborted);
        return Results.Json(WebhookStatsResponse.Of(read), ApiJson.Options);
    }
}
