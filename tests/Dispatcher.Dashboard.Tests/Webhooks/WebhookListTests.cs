using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Webhooks;

/// <summary>The list <c>/dashboard</c> against <c>GET /v1/webhooks</c> and the delivery logs.</summary>
public sealed class WebhookListTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task Every_webhook_shows_what_the_API_returns()
    {
        var receiver = await ReceiverAsync();
        var first = await CreateWebhookAsync(receiver);
        var second = await Workspace.Api.CreateFormatWebhookAsync(receiver.Url("/other"), "standard-webhooks", "link.clicked", "link.created");
        await receiver.NextAsync();
        await Workspace.Api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{second.Id}/disable");

        await SignInAsync();

        var (_, list) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Equal(2, list.GetProperty("data").GetArrayLength());
        await Expect(Page.Locator("#webhooks tbody tr")).ToHaveCountAsync(2);
        foreach (var webhook in list.GetProperty("data").EnumerateArray())
        {
            string id = webhook.GetProperty("id").GetString()!;
            var row = Page.Locator($"#webhooks tr[data-webhook-id='{id}']");
            await Expect(row.Locator("td[data-col=endpoint]")).ToHaveTextAsync(webhook.GetProperty("endpoint").GetString()!);
            await Expect(row.Locator("td[data-col=endpoint] a")).ToHaveAttributeAsync("href", $"/dashboard/webhooks/{id}");
            await Expect(row.Locator("td[data-col=format]")).ToHaveTextAsync(webhook.GetProperty("format").GetString()!);
            foreach (var name in webhook.GetProperty("events").EnumerateArray())
            {
                await Expect(row.Locator("td[data-col=events]")).ToContainTextAsync(name.GetString()!);
            }
            await Expect(row.Locator("td[data-col=status]")).ToContainTextAsync(webhook.GetProperty("status").GetString()!);
            if (webhook.TryGetProperty("statusReason", out var reason) && reason.GetString() is { } text)
            {
                await Expect(row.Locator("td[data-col=status]")).ToContainTextAsync(text);
            }
        }
        await Expect(Page.Locator($"tr[data-webhook-id='{second.Id}'] td[data-col=status]")).ToContainTextAsync("disabled");
        await Expect(Page.Locator($"tr[data-webhook-id='{first.Id}'] td[data-col=status]")).ToContainTextAsync("enabled");
        await Screenshots.TakeAsync(Page, "webhooks");
    }

    [Fact]
    public async Task Deliveries_and_success_over_24_hours_match_the_delivery_log_and_update_live()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await Fixture.PublishAsync(Workspace.Id, "evt_list_ok");
        await receiver.NextAsync();
        await SignInAsync();

        var row = Page.Locator($"#webhooks tr[data-webhook-id='{webhook.Id}']");
        await Expect(row.Locator("td[data-col=deliveries]")).ToHaveTextAsync("2");
        await Expect(row.Locator("td[data-col=success]")).ToHaveTextAsync("100%");
        await Expect(row.Locator("td[data-col=last]")).Not.ToHaveTextAsync("–");
        Assert.Equal(2, (await DeliveryLog.ReadAsync(Workspace.Api, webhook.Id)).Count);

        // One more, refused by the receiver, while the page stays open: 2 of 3 attempts succeeded.
        await Page.EvaluateAsync("() => window.notReloaded = true");
        receiver.Respond = (_, _) => Task.FromResult(500);
        await Fixture.PublishAsync(Workspace.Id, "evt_list_refused");
        await receiver.NextAsync();

        await Expect(row.Locator("td[data-col=deliveries]")).ToHaveTextAsync("3");
        // 2 of 3, to a tenth and never rounded up (a failure never shows as 100%).
        await Expect(row.Locator("td[data-col=success]")).ToHaveTextAsync("66.6%");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the list was reloaded instead of updated in place");
        Assert.Equal(3, (await DeliveryLog.ReadAsync(Workspace.Api, webhook.Id)).Count);
    }

    [Fact]
    public async Task A_new_workspace_shows_an_empty_list_with_the_way_to_begin()
    {
        await SignInAsync();

        await Expect(Page.Locator("#webhooks tbody tr")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New webhook" })).ToBeVisibleAsync();
    }
}
