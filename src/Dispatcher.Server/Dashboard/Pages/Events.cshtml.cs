using Dispatcher.Server.Api.Deliveries;
using Microsoft.AspNetCore.Mvc;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>Which endpoints got an event, as <c>GET /v1/events/{id}/deliveries</c> answers it.</summary>
public sealed class EventsModel(EventDeliveryLookup lookup) : DashboardPage
{
    [BindProperty(SupportsGet = true, Name = "id")]
    public string? EventId { get; set; }

    public EventDeliveriesResponse? Found { get; private set; }

    public async Task OnGetAsync()
    {
        if (!string.IsNullOrWhiteSpace(EventId))
        {
            EventId = EventId.Trim();
            Found = await lookup.FindAsync(Workspace, EventId);
        }
    }
}
