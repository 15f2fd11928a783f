using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Redis;
using Dispatcher.Server.Workspaces;

namespace Dispatcher.Dashboard.Tests.SignIn;

/// <summary>Portal links minted by the operator API: one use each, until they expire.</summary>
public sealed class PortalLinkTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task A_portal_link_signs_in_once()
    {
        string url = await Fixture.PortalLinkAsync(Workspace.Id);
        Assert.StartsWith(Fixture.Server.Http + "dashboard/portal?token=", url, StringComparison.Ordinal);

        await Page.GotoAsync(url);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Sign in to {Workspace.Id}" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(Page.GetByTestId("workspace")).ToHaveTextAsync(Workspace.Id);
        await Expect(Page.GetByTestId("scope")).ToHaveTextAsync("write");
        var again = await NewPageAsync();
        var response = await again.GotoAsync(url);
        Assert.Equal(410, response!.Status);
        await Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("no longer valid");
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        string url = await Fixture.PortalLinkAsync(Workspace.Id);
        // The server runs in its own process on the real clock: rather than wait out the lifetime, the
        // link's record says it expired a second ago (Redis would delete the key itself at the end).
        string token = new Uri(url).Query["?token=".Length..];
        var key = new RedisKeys(Fixture.Prefix).PortalLink(KeyHash.Of(Uri.UnescapeDataString(token)));
        Assert.True(await Fixture.Redis.Db.KeyExistsAsync(key), $"no portal link record at {key}");
        await Fixture.Redis.Db.HashSetAsync(key, "expires", DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeMilliseconds());

        var response = await Page.GotoAsync(url);

        Assert.Equal(410, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no longer valid");
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_unknown_token_is_refused()
    {
        var response = await Page.GotoAsync("/dashboard/portal?token=never-issued");

        Assert.Equal(410, response!.Status);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("no longer valid");
    }
}
