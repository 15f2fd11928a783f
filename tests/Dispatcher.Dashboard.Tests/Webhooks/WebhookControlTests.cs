using System.Net;
using Dispatcher.Client.Signatures;
using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Webhooks;

/// <summary>A webhook page's write controls, each checked against what the API then returns.</summary>
public sealed class WebhookControlTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task Disable_and_enable_change_the_status_the_API_reports()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();

        await Expect(Page.Locator("#status")).ToContainTextAsync("disabled");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Enable" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Disable" })).ToHaveCountAsync(0);
        Assert.Equal("disabled", await StatusAsync(webhook.Id));

        await Page.GetByRole(AriaRole.Button, new() { Name = "Enable" }).ClickAsync();

        await Expect(Page.Locator("#status")).ToContainTextAsync("enabled");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Disable" })).ToBeVisibleAsync();
        Assert.Equal("enabled", await StatusAsync(webhook.Id));
    }

    [Fact]
    public async Task Rotate_shows_the_new_secret_and_the_overlap_and_signs_with_it()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Rotate secret" }).ClickAsync();

        await Expect(Page.Locator("#rotated-secret")).Not.ToHaveValueAsync("");
        string rotated = await Page.Locator("#rotated-secret").InputValueAsync();
        Assert.NotEqual(webhook.Secret, rotated);
        await Expect(Page.Locator("#overlap")).ToContainTextAsync(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The secret shown is the one deliveries are now signed with (the old one still signs beside it).
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        var test = await receiver.NextAsync();
        Assert.True(WebhookSignature.Verify(rotated, test.Header("CD4CD-Signature"), test.Body, TimeSpan.FromMinutes(5)),
            $"{test.Header("CD4CD-Signature")} does not verify with the rotated secret shown");
        Assert.True(WebhookSignature.Verify(webhook.Secret, test.Header("CD4CD-Signature"), test.Body, TimeSpan.FromMinutes(5)),
            "during the overlap the old secret should sign too");
        await Page.ReloadAsync();
        Assert.DoesNotContain(rotated, await Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_asks_first_then_the_webhook_is_gone()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        var dialog = Page.Locator("dialog[open]");
        await Expect(dialog).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.OK, (await Workspace.Api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}")).Status);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(Page.Locator($"tr[data-webhook-id='{webhook.Id}']")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.NotFound, (await Workspace.Api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}")).Status);
    }

    [Fact]
    public async Task Settings_are_saved_through_the_API()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");

        var settings = Page.Locator("#settings");
        await settings.Locator("input[name=events][value='link.created']").CheckAsync();
        await settings.Locator("#per-second").FillAsync("5");
        await settings.Locator("#burst").FillAsync("7");
        await settings.Locator("#retries").FillAsync("10, 60");
        await settings.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(Page.Locator("#settings-result")).ToHaveTextAsync("Saved");
        var (_, saved) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal(["link.clicked", "link.created"], saved.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Order());
        Assert.Equal(5, saved.GetProperty("rateLimit").GetProperty("perSecond").GetInt32());
        Assert.Equal(7, saved.GetProperty("rateLimit").GetProperty("burst").GetInt32());
        Assert.Equal([10, 60], saved.GetProperty("retrySchedule").EnumerateArray().Select(d => d.GetInt32()));
    }

    [Fact]
    public async Task Send_test_event_reaches_the_receiver_and_the_log()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");
        await Expect(Page.Locator("#deliveries tr[data-delivery-id]")).ToHaveCountAsync(1);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        await receiver.NextAsync();

        await Expect(Page.Locator("#deliveries tr[data-delivery-id]")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task A_status_changed_elsewhere_shows_without_a_reload()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await SignInAsync(path: $"/dashboard/webhooks/{webhook.Id}");
        await Expect(Page.Locator("#status")).ToContainTextAsync("enabled");
        await Page.EvaluateAsync("() => window.notReloaded = true");

        var (disabled, _) = await Workspace.Api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable");

        Assert.Equal(HttpStatusCode.OK, disabled);
        await Expect(Page.Locator("#status")).ToContainTextAsync("disabled");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Enable" })).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded instead of updated in place");
    }

    private async Task<string?> StatusAsync(string id)
    {
        var (_, webhook) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}");
        return webhook.GetProperty("status").GetString();
    }
}
