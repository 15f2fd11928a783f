using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Events;
using Dispatcher.Core.Profiles;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Rules;
using Dispatcher.Redis.Stats;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.Deliveries;
using Dispatcher.Server.Api.Webhooks;
using Dispatcher.Server.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>
/// One webhook: its status and settings, its chart, and its delivery log as <c>GET
/// /v1/webhooks/{id}/deliveries</c> pages it (same filters, same cursor), one row per delivery.
/// </summary>
public sealed class WebhookModel(WebhookStore store, DeliveryLogPager pager, WebhookStatsReader stats, IOptions<DispatcherOptions> options) : DashboardPage
{
    /// <summary>Attempts read for one page of the log; the rows are their deliveries.</summary>
    private const int PageAttempts = 50;

    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Outcome { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? EventType { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Since { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Until { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public WebhookResponse Webhook { get; private set; } = null!;

    public WebhookProfile Profile { get; private set; } = null!;

    public DeliveryLogRows Log { get; private set; } = DeliveryLogRows.Empty;

    public string? FilterError { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Window { get; set; }

    public WebhookChart Chart { get; private set; } = WebhookChart.Empty;

    public IReadOnlyList<EventType> Events => EventCatalogue.All;

    public IReadOnlyList<string> Outcomes => DeliveryOutcomes.All;

    public string DefaultRetries => string.Join(", ", Profile.RetrySchedule ?? options.Value.Delivery.RetrySchedule);

    public int DefaultPerSecond => options.Value.Delivery.RatePerSecond;

    public int DefaultBurst => options.Value.Delivery.Burst;

    public bool Filtered => Outcome is not null || EventType is not null || Since is not null || Until is not null;

    /// <summary>This page again, same filters, one page older.</summary>
    public string OlderUrl(string cursor) => Url.Page("/Webhook", new { Id, Outcome, EventType, Since, Until, Cursor = cursor })!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(chart: true, log: true) ? Page() : NotFoundPage();

    /// <summary>The status block alone, for the page's live refresh.</summary>
    public async Task<IActionResult> OnGetStatusAsync() => await LoadAsync(chart: false, log: false) ? Partial("_WebhookStatus", this) : NotFound();

    /// <summary>The chart alone, for its window buttons and the live refresh.</summary>
    public async Task<IActionResult> OnGetChartAsync() => await LoadAsync(chart: true, log: false) ? Partial("_Chart", Chart) : NotFound();

    /// <summary>The log alone (same filters and cursor), for the page's live refresh.</summary>
    public async Task<IActionResult> OnGetLogAsync() => await LoadAsync(chart: false, log: true) ? Partial("_DeliveryLog", this) : NotFound();

    /// <summary>The webhook, and the chart's counters and the log only when asked: each live region polls every 2 s and reads only what it shows.</summary>
    private async Task<bool> LoadAsync(bool chart, bool log)
    {
        var webhook = await store.GetAsync(Workspace, Id);
        if (webhook is null)
        {
            return false;
        }
        Webhook = WebhookResponse.From(webhook);
        Profile = WebhookRules.ProfileOf(webhook);
        if (chart)
        {
            Chart = await LoadChartAsync(webhook);
        }
        if (log)
        {
            await LoadLogAsync(webhook);
        }
        return true;
    }

    private async Task LoadLogAsync(Webhook webhook)
    {
        var (filter, error) = DeliveryFilter.Parse(Empty(Outcome), null, Empty(EventType), Empty(Since), Empty(Until));
        if (filter is null)
        {
            FilterError = error!.Message;
            return;
        }
        DeliveryLogCursor? after = null;
        if (Empty(Cursor) is { } cursor && DeliveryLogCursor.TryDecode(cursor, out var decoded))
        {
            after = decoded;
        }
        var page = await pager.PageAsync(new WebhookId(webhook.Id), filter, after, null, PageAttempts);
        Log = DeliveryLogRows.Of(page);
    }

    /// <summary>The chart's window from the query; anything but <c>day</c> is the last hour.</summary>
    private async Task<WebhookChart> LoadChartAsync(Webhook webhook)
    {
        StatsWindows.TryParse(Window, out var window);
        return WebhookChart.Of(await stats.ReadAsync(Workspace, webhook.Id, window, HttpContext.RequestAborted));
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
