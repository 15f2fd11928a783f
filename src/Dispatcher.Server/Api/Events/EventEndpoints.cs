using System.Text.Json;
using Dispatcher.Core.Events;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Profiles;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Events;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.OpenApi;
// Not Microsoft.Extensions.Logging.EventId, which the server imports everywhere.
using EventId = Dispatcher.Core.Events.EventId;

namespace Dispatcher.Server.Api.Events;

/// <summary><c>GET /v1/event-types</c> (the catalogue, with each format's names) and <c>GET /v1/events/{id}</c>.</summary>
public static class EventEndpoints
{
    public static void MapEvents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/v1").WithTags("Events");
        group.MapGet("/event-types", ListTypes)
            .WithName("ListEventTypes")
            .WithSummary("List the event catalogue")
            .WithDescription("Every event producers can publish, what it means, and its name in each wire format (what webhooks subscribe with).")
            .Produces<EventTypeListResponse>();
        // A catch-all: an id may hold '/', and so may the path that carries it (see EventPathId).
        group.MapGet("/events/{**id}", GetEventAsync)
            .WithName("GetEvent")
            .WithSummary("Get a whole event")
            .WithDescription("For receivers of a truncated delivery; the caller's workspace only, while the event is retained. " +
                "Percent-encode the id as one path segment (`a/b` as `a%2Fb`).")
            .Produces<EventResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound);
    }

    private static IResult ListTypes() => Results.Json(new EventTypeListResponse(EventCatalogue.All
        .Select(e => new EventTypeResponse(e.Name, e.Description,
            WebhookProfiles.All.ToDictionary(p => p.Name, p => p.EventName(e.Name))))
        .ToList()), ApiJson.Options);

    /// <summary>
    /// The whole event, for receivers of a truncated delivery. Only the workspace's own: the body is
    /// looked for under the caller's workspace id, so another workspace's event is simply not found.
    /// </summary>
    private static async Task<IResult> GetEventAsync(string id, HttpContext http, WebhookStore webhooks, EventStore events, PartitionMap partitions)
    {
        id = EventPathId.Of(http, id, moreFollows: false);
        string workspace = http.User.Workspace();
        // The webhooks are listed only if the event's home partition lacks it (see EventStore).
        var evt = await events.FindAsync(new WorkspaceId(workspace), new EventId(id),
            async () => (await webhooks.ListAsync(workspace)).Select(w => partitions.PartitionOf(w.Id)));
        if (evt is null)
        {
            return ApiError.NotFound($"no event '{id}' in this workspace (events are kept for the dedupe window)");
        }
        using var data = JsonDocument.Parse(evt.Data);
        return Results.Json(new EventResponse(evt.Id, evt.Type, evt.CreatedAt.UtcDateTime, evt.WorkspaceId, data.RootElement.Clone()), ApiJson.Options);
    }
}
