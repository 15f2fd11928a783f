using System.Net;
using Dispatcher.Client.Signatures;
using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Webhooks;

/// <summary>The create form <c>/dashboard/webhooks/new</c>: the API decides, the page shows its answer.</summary>
public sealed class CreateWebhookTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task A_created_webhook_shows_its_secret_once_and_the_test_events_answer()
    {
        var receiver = await ReceiverAsync();
        await SignInAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "New webhook" }).ClickAsync();
        await Page.GetByLabel("Endpoint URL").FillAsync(receiver.Url().ToString());
        await Page.Locator("fieldset.events:visible input[value='link.clicked']").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        await Expect(Page.Locator("section#created")).ToBeVisibleAsync();
        await Expect(Page.Locator("#test-result")).ToContainTextAsync("200 succeeded");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeVisibleAsync();
        string secret = await Page.Locator("#secret").InputValueAsync();
        await Screenshots.TakeAsync(Page, "new-webhook");
        // The secret on the page is the one the receiver's signatures check out with.
        var test = Assert.Single(receiver.All);
        Assert.True(WebhookSignature.Verify(secret, test.Header("CD4CD-Signature"), test.Body, TimeSpan.FromMinutes(5)),
            $"the test event's signature {test.Header("CD4CD-Signature")} does not verify with the secret shown");
        var (_, list) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        var webhook = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(receiver.Url().ToString(), webhook.GetProperty("endpoint").GetString());
        Assert.Equal(["link.clicked"], webhook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        string id = webhook.GetProperty("id").GetString()!;
        await Expect(Page.Locator("#open-webhook")).ToHaveAttributeAsync("href", new Regex($"/dashboard/webhooks/{id}$"));

        await Page.Locator("#open-webhook").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(receiver.Url().ToString());
        Assert.DoesNotContain(secret, await Page.ContentAsync(), StringComparison.Ordinal);
        await Page.ReloadAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(receiver.Url().ToString());
        Assert.DoesNotContain(secret, await Page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_endpoint_shows_the_APIs_message_beside_the_field_and_creates_nothing()
    {
        await SignInAsync();
        // What the API itself says about this endpoint: the page must say the same, not its own version.
        var (status, refused) = await Workspace.Api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "ftp://example.com/hook", events = new[] { "link.clicked" }, secret = "auto" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        string message = refused.GetProperty("error").GetProperty("message").GetString()!;

        await Page.GotoAsync("/dashboard/webhooks/new");
        await Page.GetByLabel("Endpoint URL").FillAsync("ftp://example.com/hook");
        await Page.Locator("fieldset.events:visible input[value='link.clicked']").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        await Expect(Page.Locator("#endpoint-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#endpoint-error")).ToContainTextAsync(message);
        await Expect(Page.Locator("section#created")).ToBeHiddenAsync();
        var (_, list) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Empty(list.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task No_event_chosen_is_refused_beside_the_events()
    {
        var receiver = await ReceiverAsync();
        await SignInAsync(path: "/dashboard/webhooks/new");
        await Page.GetByLabel("Endpoint URL").FillAsync(receiver.Url().ToString());
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();

        await Expect(Page.Locator("#events-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#events-error")).Not.ToBeEmptyAsync();
        var (_, list) = await Workspace.Api.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Empty(list.GetProperty("data").EnumerateArray());
        Assert.Empty(receiver.All);
    }
}
