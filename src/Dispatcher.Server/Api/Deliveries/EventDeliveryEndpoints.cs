using Dispatcher.Server.Api.OpenApi;
using Microsoft.AspNetCore.Http.Features;

namespace Dispatcher.Server.Api.Deliveries;

/// <summary><c>GET /v1/events/{id}/deliveries</c>: every webhook of the caller's workspace an event went to, with each attempt.</summary>
public static class EventDeliveryEndpoints
{
    private const string Route = "/v1/events/";

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
        id = EventIdOf(http, id);
        var found = await lookup.FindAsync(http.User.Workspace(), id);
        return found is null
            ? ApiError.NotFound($"no event '{id}' in this workspace (deliveries are kept with the delivery log, bodies for the dedupe window)")
            : Results.Json(found, ApiJson.Options);
    }

    /// <summary>
    /// The id's segment as the caller percent-encoded it, decoded once: the route value has every
    /// escape but <c>%2F</c> decoded, so <c>a%2Fb</c> and <c>a%252Fb</c> would meet; the raw target does not.
    /// </summary>
    private static string EventIdOf(HttpContext http, string routeValue)
    {
        string? raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        int start = raw?.IndexOf(Route, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (raw is null || start < 0)
        {
            return routeValue;
        }
        start += Route.Length;
        int end = raw.IndexOf('/', start);
        return end < 0 ? routeValue : Uri.UnescapeDataString(raw[start..end]);
    }
}
