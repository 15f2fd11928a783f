using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Access;

/// <summary>
/// A <c>read</c> session (a read key, or a read portal link) is shown no write control, and the API
/// refuses a write made with its cookie and CSRF token anyway.
/// </summary>
public sealed class ReadScopeTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    private static readonly string[] WriteButtons = ["Send test event", "Disable", "Enable", "Rotate secret", "Delete", "Save", "Recover", "Replay"];

    [Fact]
    public async Task A_read_key_sees_no_write_controls_and_cannot_write()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        string deliveryId = (await DeliveryLog.ReadAsync(Workspace.Api, webhook.Id))[0].GetProperty("deliveryId").GetString()!;

        await SignInAsync(Workspace.ReadKey);

        await Expect(Page.GetByTestId("scope")).ToHaveTextAsync("read");
        await Expect(Page.Locator($"tr[data-webhook-id='{webhook.Id}']")).ToHaveCountAsync(1);
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New webhook" })).ToHaveCountAsync(0);
        await Page.GotoAsync($"/dashboard/webhooks/{webhook.Id}");
        await Expect(Page.Locator("#deliveries tr[data-delivery-id]")).ToHaveCountAsync(1);
        await ExpectNoWriteButtonsAsync();
        await Page.GotoAsync($"/dashboard/webhooks/{webhook.Id}/deliveries/{deliveryId}");
        await Expect(Page.Locator("section.attempt")).ToHaveCountAsync(1);
        await ExpectNoWriteButtonsAsync();
        await Page.GotoAsync("/dashboard/webhooks/new");
        await Expect(Page.Locator("#create-webhook, #endpoint")).ToHaveCountAsync(0);

        // What the page's script would send, with the session's own CSRF token: the scope still refuses it.
        string? csrf = await Page.Locator("meta[name=csrf-token]").GetAttributeAsync("content");
        Assert.False(string.IsNullOrEmpty(csrf), "the page carries no CSRF token");
        var refused = await Page.APIRequest.PostAsync($"/v1/webhooks/{webhook.Id}/disable", new() { Headers = new Dictionary<string, string> { ["X-CSRF-Token"] = csrf! } });
        Assert.Equal(403, refused.Status);
        Assert.Contains("INSUFFICIENT_SCOPE", await refused.TextAsync(), StringComparison.Ordinal);
        var (_, after) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal("enabled", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_read_portal_link_opens_a_read_session()
    {
        string url = await Fixture.PortalLinkAsync(Workspace.Id, "read");

        await Page.GotoAsync(url);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(Page.GetByTestId("workspace")).ToHaveTextAsync(Workspace.Id);
        await Expect(Page.GetByTestId("scope")).ToHaveTextAsync("read");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New webhook" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_write_session_without_its_CSRF_token_cannot_write_through_the_API()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await SignInAsync();

        var refused = await Page.APIRequest.PostAsync($"/v1/webhooks/{webhook.Id}/disable");

        Assert.Equal(401, refused.Status);
        var (_, after) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal("enabled", after.GetProperty("status").GetString());
    }

    private async Task ExpectNoWriteButtonsAsync()
    {
        foreach (string name in WriteButtons)
        {
            await Expect(Page.Locator("main").GetByRole(AriaRole.Button, new() { Name = name, Exact = true })).ToHaveCountAsync(0);
        }
    }
}
