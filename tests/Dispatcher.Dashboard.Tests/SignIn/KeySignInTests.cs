using Dispatcher.Dashboard.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.SignIn;

/// <summary>Signing in with a workspace API key on <c>/dashboard/sign-in</c>, and out again.</summary>
public sealed class KeySignInTests(DashboardFixture fixture, ITestOutputHelper output) : DashboardTest(fixture, output)
{
    [Fact]
    public async Task A_write_key_opens_a_session_in_an_HttpOnly_SameSite_Strict_cookie()
    {
        await Page.GotoAsync("/dashboard");
        await Expect(Page).ToHaveURLAsync(new Regex("/dashboard/sign-in$"));
        await Screenshots.TakeAsync(Page, "sign-in");

        await Page.GetByLabel("API key").FillAsync(Workspace.WriteKey);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(Page.GetByTestId("workspace")).ToHaveTextAsync(Workspace.Id);
        await Expect(Page.GetByTestId("scope")).ToHaveTextAsync("write");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Event lookup" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Webhooks", Level = 1 })).ToBeVisibleAsync();
        var cookie = Assert.Single(await Page.Context.CookiesAsync(), c => c.Name == "dispatcher_dashboard");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(Workspace.WriteKey, cookie.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(Workspace.WriteKey, await Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(Workspace.WriteKey, Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_401_and_no_session()
    {
        await Page.GotoAsync("/dashboard/sign-in");
        await Page.GetByLabel("API key").FillAsync("dsk_not_a_key_of_anyone");
        var response = await Page.RunAndWaitForResponseAsync(
            () => Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/dashboard/sign-in", StringComparison.Ordinal));

        Assert.Equal(401, response.Status);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid");
        Assert.DoesNotContain(await Page.Context.CookiesAsync(), c => c.Name == "dispatcher_dashboard");
        await Page.GotoAsync("/dashboard");
        await Expect(Page).ToHaveURLAsync(new Regex("/dashboard/sign-in$"));
    }

    [Fact]
    public async Task A_publish_key_is_refused_like_a_wrong_one()
    {
        var (_, publishKey) = await Fixture.Operator.IssueKeyAsync(Workspace.Id, "publish");

        await SignInWithKeyAsync(Page, publishKey);

        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid");
        await Expect(Page.GetByTestId("workspace")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        await SignInWithKeyAsync(Page, Workspace.WriteKey);
        await Expect(Page.GetByTestId("workspace")).ToHaveTextAsync(Workspace.Id);

        var signedOut = await Page.RunAndWaitForResponseAsync(
            () => Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/dashboard/sign-out", StringComparison.Ordinal));

        Assert.True(signedOut.Status == 200, $"signing out answered {signedOut.Status}");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Signed out" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("workspace")).ToHaveCountAsync(0);
        await Page.GotoAsync("/dashboard");

        await Expect(Page).ToHaveURLAsync(new Regex("/dashboard/sign-in$"));
    }
}
