using Dispatcher.Server.Api.Events;
using Dispatcher.Server.Api.OpenApi;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary><c>GET /v1/events/{id}/deliveries</c>: every webhook of the caller's workspace an event went to, with each attempt.</summary>
public static class EventDeliveryEndpoints
{
    public static void MapEventDeliveries(this IEndpointRouteBuilder routes)
    {
        // One segment: an id holding '/' comes percent-encoded (a%2Fb). Routing prefers this over
        // GET /v1/events/{**id}, so an id ending in "/deliveries" is fetched encoded too.
        routes.MapApiGroup("/v1").MapGet("/events/{id}/deliveries", FindAsync)
            .WithTags("Deliveries")
            .WithName("GetEventDeliveries")
            .WithSummary("List an event's deliveries")
            .WithDescription("Every webhook of the caller's workspace the event went to: its endpoint, the delivery id, the latest `outcome` and " +
                "`statusCode` (null before the first attempt), whether it is still `queued`, and its attempts, newest first. " +
                "Percent-encode the id as one path segment (`a/b` as `a%2Fb`; an id ending in `/deliveries` must be encoded so). " +
                "Another workspace's event is `404`, as an unknown one is.")
            .Produces<EventDeliveriesResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> FindAsync(string id, HttpContext http, EventDeliveryLookup lookup)
    {
        id = EventPathId.Of(http, id, moreFollows: true);
        var found = await lookup.FindAsync(http.User.Workspace(), id);
        return found is null
            ? ApiError.NotFound($"no event '{id}' in this workspace (deliveries are kept with the delivery log, bodies for the dedupe window)")
            : Results.Json(found, ApiJson.Options);
    }
}
