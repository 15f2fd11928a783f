using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Redis.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>
/// One delivery: every attempt the log keeps, newest first, with the exact request headers and body sent
/// and the response received. Replay posts to <c>/v1/webhooks/{id}/deliveries/{deliveryId}/replay</c>.
/// </summary>
public sealed class DeliveryModel(WebhookStore store, DeliveryLogStore log) : DashboardPage
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string DeliveryId { get; set; } = "";

    public string Endpoint { get; private set; } = "";

    /// <summary>Newest first: the attempt a reader came for is usually the last one.</summary>
    public IReadOnlyList<DeliveryLogEntry> Attempts { get; private set; } = [];

    public DeliveryLogEntry First => Attempts[^1];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFoundPage();

    /// <summary>The attempts alone, for the page's live refresh (a replay's attempt appears without a reload).</summary>
    public async Task<IActionResult> OnGetAttemptsAsync() => await LoadAsync() ? Partial("_Attempts", this) : NotFound();

    private async Task<bool> LoadAsync()
    {
        var webhook = await store.GetAsync(Workspace, Id);
        if (webhook is null)
        {
            return false;
        }
        var attempts = await log.FindAsync(new WebhookId(webhook.Id), DeliveryId);
        if (attempts.Count == 0)
        {
            return false;
        }
        Endpoint = webhook.Endpoint.OriginalString;
        Attempts = attempts.Reverse().ToList();
        return true;
    }
}
