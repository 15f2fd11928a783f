using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Deliveries;

/// <summary>A delivery's detail page: every attempt exactly as sent and answered, and Replay.</summary>
public sealed class DeliveryDetailTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task The_detail_shows_the_signature_header_the_receiver_got()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await Fixture.PublishAsync(Workspace.Id, "evt_detail_1");
        var received = await receiver.NextAsync();
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");

        await Page.Locator("#deliveries td[data-col=event]", new() { HasText = "link.clicked" }).GetByRole(AriaRole.Link).ClickAsync();

        string deliveryId = (await DeliveryLog.WithEventAsync(Workspace.Api, webhook.Id, "evt_detail_1")).Single(a => a.GetProperty("eventId").GetString() == "evt_detail_1").GetProperty("deliveryId").GetString()!;
        await Expect(Page).ToHaveURLAsync(new Regex($"/dashboard/webhooks/{webhook.Id}/deliveries/{Regex.Escape(deliveryId)}$"));
        var attempt = Page.Locator("section.attempt[data-attempt='1']");
        await ExpectSentAsync(attempt, received);
        await Expect(attempt.Locator("[data-col=response-status]")).ToContainTextAsync("200");
        await Expect(Page.Locator("section.attempt")).ToHaveCountAsync(1);
        await Screenshots.TakeAsync(Page, "delivery");
    }

    [Fact]
    public async Task Replay_shows_the_second_attempt_without_a_reload()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await Fixture.PublishAsync(Workspace.Id, "evt_replay_1");
        await receiver.NextAsync();
        var first = (await DeliveryLog.WithEventAsync(Workspace.Api, webhook.Id, "evt_replay_1")).Single(a => a.GetProperty("eventId").GetString() == "evt_replay_1");
        string deliveryId = first.GetProperty("deliveryId").GetString()!;
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}/deliveries/{deliveryId}");
        await Expect(Page.Locator("section.attempt")).ToHaveCountAsync(1);
        await Page.EvaluateAsync("() => window.notReloaded = true");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Replay" }).ClickAsync();
        var replayed = await receiver.NextAsync();

        await Expect(Page.Locator("#replay-result")).Not.ToBeEmptyAsync();
        var second = Page.Locator("section.attempt[data-attempt='2']");
        await ExpectSentAsync(second, replayed);
        await Expect(Page.Locator("section.attempt")).ToHaveCountAsync(2);
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded instead of updated in place");
        var attempts = (await DeliveryLog.UntilAsync(Workspace.Api, webhook.Id,
            log => log.Count(a => a.GetProperty("deliveryId").GetString() == deliveryId) == 2)).Where(a => a.GetProperty("deliveryId").GetString() == deliveryId);
        Assert.Equal(2, attempts.Count());
    }

    /// <summary>The attempt's section shows the request the receiver got: its signature header and its body.</summary>
    private static async Task ExpectSentAsync(ILocator attempt, ReceivedRequest received)
    {
        string signature = received.Header("CD4CD-Signature") ?? throw new Xunit.Sdk.XunitException("the receiver got no CD4CD-Signature header");
        var header = attempt.Locator("table.request-headers tr", new() { Has = attempt.Page.Locator("th", new() { HasTextRegex = new Regex("^CD4CD-Signature$", RegexOptions.IgnoreCase) }) });
        await Expect(header.Locator("td")).ToHaveTextAsync(signature);
        await Expect(attempt.Locator("pre.request-body")).ToHaveTextAsync(received.BodyText);
    }
}
