using Dispatcher.Core.Events;
using Dispatcher.Core.Profiles;
using Dispatcher.Server.Configuration;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Dashboard.Pages;

/// <summary>
/// The create form. It posts to <c>POST /v1/webhooks</c> from the page's script, so the API's own
/// validation decides, and its errors are shown beside the fields they name.
/// </summary>
public sealed class NewWebhookModel(IOptions<DispatcherOptions> options) : DashboardPage
{
    public IReadOnlyList<WebhookProfile> Formats => WebhookProfiles.All;

    public string DefaultFormat => options.Value.DefaultFormat;

    public IReadOnlyList<EventType> Events => EventCatalogue.All;

    public int DefaultPerSecond => options.Value.Delivery.RatePerSecond;

    public int DefaultBurst => options.Value.Delivery.Burst;

    public bool SendsTestEvent => options.Value.Webhooks.TestEventOnCreate;

    /// <summary>The retry delays a webhook of <paramref name="format"/> gets unless it sets its own.</summary>
    public string DefaultRetries(WebhookProfile format) =>
        string.Join(", ", format.RetrySchedule ?? options.Value.Delivery.RetrySchedule);

    public IActionResult OnGet() => CanWrite ? Page() : Redirect("/dashboard");
}
