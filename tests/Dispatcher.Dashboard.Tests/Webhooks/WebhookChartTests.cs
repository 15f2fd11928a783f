using Dispatcher.Dashboard.Tests.Infrastructure;

namespace Dispatcher.Dashboard.Tests.Webhooks;

/// <summary>A webhook page's chart of attempts per minute by outcome, against the delivery log's attempts.</summary>
public sealed class WebhookChartTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task The_chart_counts_the_logged_attempts_by_outcome_over_the_hour_and_the_day()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await Fixture.PublishAsync(Workspace.Id, "evt_chart_ok");
        await receiver.NextAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        await Fixture.PublishAsync(Workspace.Id, "evt_chart_refused");
        await receiver.NextAsync();
        var log = await DeliveryLog.WithEventAsync(Workspace.Api, webhook.Id, "evt_chart_refused");
        Assert.Equal(2, log.Count(a => a.GetProperty("outcome").GetString() == "succeeded"));
        Assert.Equal(1, log.Count(a => a.GetProperty("outcome").GetString() == "retrying"));

        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");

        await ExpectBarsAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Last day" }).ClickAsync();
        await Expect(Page.Locator("svg#chart")).ToHaveAttributeAsync("data-window", "day");
        await ExpectBarsAsync();
    }

    /// <summary>The chart's totals (its key) and its bars: two attempts succeeded, one is retrying.</summary>
    private async Task ExpectBarsAsync()
    {
        await Expect(Page.Locator("[data-total=succeeded]")).ToHaveTextAsync("2");
        await Expect(Page.Locator("[data-total=retrying]")).ToHaveTextAsync("1");
        await Expect(Page.Locator("svg#chart rect.bar-succeeded").First).ToBeVisibleAsync();
        await Expect(Page.Locator("svg#chart rect.bar-retrying").First).ToBeVisibleAsync();
    }
}
