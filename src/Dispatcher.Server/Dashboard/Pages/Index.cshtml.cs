using Dispatcher.Redis.Stats;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.Webhooks;
using Microsoft.AspNetCore.Mvc;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>The workspace's webhooks, as <c>GET /v1/webhooks</c> shows them, with their last 24 hours.</summary>
public sealed class IndexModel(WebhookStore store, WebhookStatsReader stats) : DashboardPage
{
    public IReadOnlyList<WebhookResponse> Webhooks { get; private set; } = [];

    private IReadOnlyDictionary<string, WebhookActivity> Activity { get; set; } = new Dictionary<string, WebhookActivity>();

    public WebhookActivity? ActivityOf(string webhookId) => Activity.GetValueOrDefault(webhookId);

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>The table alone, for the page's live refresh.</summary>
    public async Task<IActionResult> OnGetListAsync()
    {
        await LoadAsync();
        return Partial("_WebhookTable", this);
    }

    private async Task LoadAsync()
    {
        var webhooks = await store.ListAsync(Workspace);
        Webhooks = webhooks.OrderBy(w => w.CreatedAt).Select(w => WebhookResponse.From(w)).ToList();
        Activity = await stats.SummariesAsync(Workspace, Webhooks.Select(w => w.Id).ToList(), HttpContext.RequestAborted);
    }
}
