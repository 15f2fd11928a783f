using System.Net;
using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Access;

/// <summary>A second workspace, signed in beside the first, sees none of the first's webhooks, deliveries or events.</summary>
public sealed class WorkspaceIsolationTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task A_second_workspace_sees_none_of_the_first()
    {
        var receiver = await ReceiverAsync();
        var webhook = await CreateWebhookAsync(receiver);
        await Fixture.PublishAsync(Workspace.Id, "evt_private_1");
        await receiver.NextAsync();
        string deliveryId = (await DeliveryLog.WithEventAsync(Workspace.Api, webhook.Id, "evt_private_1"))[0].GetProperty("deliveryId").GetString()!;
        var other = await Fixture.NewWorkspaceAsync();
        var page = await NewPageAsync();

        await SignInWithKeyAsync(page, other.WriteKey);

        await Expect(page.GetByTestId("workspace")).ToHaveTextAsync(other.Id);
        await Expect(page.Locator("#webhooks tbody tr")).ToHaveCountAsync(0);
        Assert.DoesNotContain(receiver.Url().ToString(), await page.ContentAsync(), StringComparison.Ordinal);
        // Fetched with the page's cookies rather than opened: Chromium shows its own error page for a 404
        // without a body, and Playwright reports that navigation as failed.
        foreach (string path in new[] { $"/dashboard/webhooks/{webhook.Id}", $"/dashboard/webhooks/{webhook.Id}/deliveries/{deliveryId}" })
        {
            var response = await page.APIRequest.GetAsync(path);
            Assert.True(response.Status == 404, $"{path} answered {response.Status} to the second workspace");
            Assert.DoesNotContain(receiver.Url().ToString(), await response.TextAsync(), StringComparison.Ordinal);
        }
        await page.GotoAsync("/dashboard/events?id=evt_private_1");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("No deliveries");
        // The API, called with the second workspace's session cookie, agrees.
        Assert.Equal(404, (await page.APIRequest.GetAsync($"/v1/webhooks/{webhook.Id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Workspace.Api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}")).Status);
    }
}
