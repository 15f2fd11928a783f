using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Deliveries;

/// <summary>A webhook page's delivery log and chart against <c>GET /v1/webhooks/{id}/deliveries</c>.</summary>
public sealed class DeliveryLogTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task The_test_event_and_a_published_event_show_with_their_status_codes()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await Fixture.PublishAsync(Workspace.Id, "evt_log_1");
        await receiver.NextAsync();
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(receiver.Url().ToString());
        await Expect(Page.Locator("#status")).ToContainTextAsync("enabled");
        await Expect(Page.Locator("svg#chart")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Last hour" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Last day" })).ToBeVisibleAsync();
        var log = await DeliveryLog.ReadAsync(Workspace.Api, webhook.Id);
        Assert.Equal(["link.clicked", "webhook.test"], log.Select(a => a.GetProperty("eventType").GetString()).Order());
        await Expect(Page.Locator("#deliveries tr[data-delivery-id]")).ToHaveCountAsync(2);
        foreach (var attempt in log)
        {
            var row = Page.Locator($"#deliveries tr[data-delivery-id='{attempt.GetProperty("deliveryId").GetString()}']");
            await Expect(row.Locator("td[data-col=event]")).ToContainTextAsync(attempt.GetProperty("eventType").GetString()!);
            await Expect(row.Locator("td[data-col=outcome]")).ToContainTextAsync(attempt.GetProperty("outcome").GetString()!);
            await Expect(row.Locator("td[data-col=status]")).ToHaveTextAsync(attempt.GetProperty("statusCode").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Expect(row.Locator("td[data-col=status]")).ToHaveTextAsync("200");
            await Expect(row.Locator("td[data-col=attempts]")).ToHaveTextAsync("1");
        }
        // The chart and the log under it, rather than the top of the page.
        await Page.Locator("svg#chart").EvaluateAsync("chart => { chart.scrollIntoView({ block: 'start' }); window.scrollBy(0, -140); }");
        await Screenshots.TakeAsync(Page, "webhook");
    }

    [Fact]
    public async Task A_delivery_published_while_the_page_is_open_appears_without_a_reload()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");
        await Expect(Page.Locator("#deliveries tr[data-delivery-id]")).ToHaveCountAsync(1);
        await Page.EvaluateAsync("() => window.notReloaded = true");

        await Fixture.PublishAsync(Workspace.Id, "evt_live_1");
        await receiver.NextAsync();

        await Expect(Page.Locator("#deliveries tr[data-delivery-id]")).ToHaveCountAsync(2);
        await Expect(Page.Locator("#deliveries td[data-col=event]", new() { HasText = "link.clicked" })).ToHaveCountAsync(1);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded instead of updated in place");
    }

    [Fact]
    public async Task The_outcome_filter_shows_what_the_API_filters()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        receiver.Respond = (_, _) => Task.FromResult(500);
        await Fixture.PublishAsync(Workspace.Id, "evt_filter_refused");
        await receiver.NextAsync();
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");
        await Expect(Page.Locator("#deliveries tr[data-delivery-id]")).ToHaveCountAsync(2);

        await Page.Locator("#f-outcome").SelectOptionAsync("retrying");
        await Page.Locator("#filters").GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();

        var retrying = await DeliveryLog.ReadAsync(Workspace.Api, webhook.Id, "&outcome=retrying");
        var only = Assert.Single(retrying);
        await Expect(Page.Locator("#deliveries tr[data-delivery-id]")).ToHaveCountAsync(1);
        await Expect(Page.Locator($"#deliveries tr[data-delivery-id='{only.GetProperty("deliveryId").GetString()}'] td[data-col=status]")).ToHaveTextAsync("500");
    }

    [Fact]
    public async Task Recover_sends_again_what_failed_since_the_time_given()
    {
        var receiver = await ReceiverAsync();
        // Standard Webhooks disables a webhook after five failed deliveries (CD4CD after one), and no
        // retries make the delivery fail for good at its first answer.
        var webhook = await Workspace.Api.CreateFormatWebhookAsync(receiver.Url(), "standard-webhooks", "link.clicked");
        await receiver.NextAsync();
        var (patched, _) = await Workspace.Api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{webhook.Id}", new { retrySchedule = Array.Empty<int>() });
        Assert.Equal(System.Net.HttpStatusCode.OK, patched);
        receiver.Respond = (_, _) => Task.FromResult(500);
        await Fixture.PublishAsync(Workspace.Id, "evt_recover_1");
        await receiver.NextAsync();
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");
        await Expect(Page.Locator("#deliveries td[data-col=outcome]", new() { HasText = "failed" })).ToHaveCountAsync(1);
        receiver.Respond = (_, _) => Task.FromResult(200);

        await Page.GetByLabel("Failed since").FillAsync(DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        await Page.Locator("#recover").GetByRole(AriaRole.Button, new() { Name = "Recover" }).ClickAsync();

        await Expect(Page.Locator("#recover-result")).ToContainTextAsync("1 queued");
        var again = await receiver.NextAsync();
        Assert.Equal("evt_recover_1", again.Header("webhook-id"));
        await Expect(Page.Locator("#deliveries td[data-col=outcome]", new() { HasText = "succeeded" })).ToHaveCountAsync(2);
    }
}
