using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Events;

/// <summary><c>/dashboard/events</c> against <c>GET /v1/events/{id}/deliveries</c>.</summary>
public sealed class EventLookupTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task An_event_shows_every_webhook_it_went_to_as_the_API_does()
    {
        var ok = await ReceiverAsync();
        var refusing = await ReceiverAsync();
        await CreateWebhookAsync(ok);
        await CreateWebhookAsync(refusing);
        refusing.Respond = (_, _) => Task.FromResult(503);
        await Fixture.PublishAsync(Workspace.Id, "evt_lookup_1");
        await ok.NextAsync();
        await refusing.NextAsync();
        await SignInAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Event lookup" }).ClickAsync();
        await Page.GetByLabel("Event id").FillAsync("evt_lookup_1");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();

        var (_, answer) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, "/v1/events/evt_lookup_1/deliveries");
        var deliveries = answer.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(2, deliveries.Count);
        var rows = Page.Locator("#event-deliveries tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        foreach (var delivery in deliveries)
        {
            var row = Page.Locator($"#event-deliveries tr[data-webhook-id='{delivery.GetProperty("webhookId").GetString()}']");
            await Expect(row.Locator("td[data-col=webhook]")).ToHaveTextAsync(delivery.GetProperty("endpoint").GetString()!);
            await Expect(row.Locator("td[data-col=outcome]")).ToContainTextAsync(delivery.GetProperty("outcome").GetString()!);
            await Expect(row.Locator("td[data-col=status]")).ToHaveTextAsync(delivery.GetProperty("statusCode").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var attempt in delivery.GetProperty("attempts").EnumerateArray())
            {
                await Expect(row.Locator("td[data-col=attempts]")).ToContainTextAsync(attempt.GetProperty("outcome").GetString()!);
            }
        }
        await Expect(rows.Locator("td[data-col=status]", new() { HasText = "503" })).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(Page, "events");
    }

    [Fact]
    public async Task An_unknown_event_shows_no_deliveries()
    {
        await SignInAsync(path: "/dashboard/events?id=evt_never_published");

        await Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("No deliveries");
        await Expect(Page.Locator("#event-deliveries tbody tr")).ToHaveCountAsync(0);
    }
}
