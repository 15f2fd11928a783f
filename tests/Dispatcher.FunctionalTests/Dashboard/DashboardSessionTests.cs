using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Dashboard;

/// <summary>
/// Dashboard sessions: an HttpOnly, SameSite=Strict cookie naming a session kept in Redis; the API
/// takes it only with the page's CSRF token; its scope and workspace bound it exactly as its key's would.
/// </summary>
[Collection(TimedCollection.Name)]
public sealed class DashboardSessionTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_key_signs_in_to_a_session_cookie_that_never_holds_the_key()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var browser = new DashboardBrowser(server.Http);
        var (anonymous, _, toSignIn) = await browser.GetAsync("/dashboard");
        Assert.Equal((HttpStatusCode.Redirect, "/dashboard/sign-in"), (anonymous, toSignIn?.OriginalString));

        using var signedIn = await browser.SignInWithKeyAsync(DispatcherTestServer.ApiKey);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        string setCookie = string.Join("\n", signedIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("dispatcher_dashboard=", setCookie);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DispatcherTestServer.ApiKey, setCookie);
        var (status, html, _) = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"data-testid=\"workspace\">{DispatcherTestServer.Workspace}<", html);
        Assert.DoesNotContain(DispatcherTestServer.ApiKey, html);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains(DispatcherTestServer.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_key_a_publish_key_and_a_form_without_its_antiforgery_token_are_refused()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var (_, publishKey) = await server.Operator().IssueKeyAsync(DispatcherTestServer.Workspace, "publish");
        using var browser = new DashboardBrowser(server.Http);

        using var wrong = await browser.SignInWithKeyAsync("not_a_key");
        using var publish = await browser.SignInWithKeyAsync(publishKey);
        using var forged = await browser.Http.PostAsync("/dashboard/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = DispatcherTestServer.ApiKey }));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task The_api_takes_a_session_write_only_with_its_csrf_token_and_a_read_session_not_at_all()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        await using var receiver = await TestReceiver.StartAsync();
        var (_, readKey) = await server.Operator().IssueKeyAsync(DispatcherTestServer.Workspace, "read");
        using var writer = new DashboardBrowser(server.Http);
        using var reader = new DashboardBrowser(server.Http);
        (await writer.SignInWithKeyAsync(DispatcherTestServer.ApiKey)).Dispose();
        (await reader.SignInWithKeyAsync(readKey)).Dispose();
        var body = new { endpoint = receiver.Url().ToString(), events = new[] { "link.clicked" } };

        var (noToken, _) = await writer.ApiAsync(HttpMethod.Post, "/v1/webhooks", body);
        var (wrongToken, _) = await writer.ApiAsync(HttpMethod.Post, "/v1/webhooks", body, csrf: await reader.CsrfTokenAsync());
        var (created, webhook) = await writer.ApiAsync(HttpMethod.Post, "/v1/webhooks", body, csrf: await writer.CsrfTokenAsync());
        var (readerWrite, _) = await reader.ApiAsync(HttpMethod.Post, "/v1/webhooks", body, csrf: await reader.CsrfTokenAsync());
        var (readerRead, list) = await reader.ApiAsync(HttpMethod.Get, "/v1/webhooks");

        Assert.Equal(HttpStatusCode.Unauthorized, noToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(HttpStatusCode.Forbidden, readerWrite);
        Assert.Equal(HttpStatusCode.OK, readerRead);
        Assert.Single(list.GetProperty("data").EnumerateArray());
        // A read session's pages offer no write control.
        var (_, readerPage, _) = await reader.GetAsync($"/dashboard/webhooks/{webhook.GetProperty("id").GetString()}");
        Assert.DoesNotContain("data-webhook-actions", readerPage);
        Assert.DoesNotContain("New webhook", (await reader.GetAsync("/dashboard")).Html);
        var (_, writerPage, _) = await writer.GetAsync($"/dashboard/webhooks/{webhook.GetProperty("id").GetString()}");
        Assert.Contains("data-webhook-actions", writerPage);
    }

    [Fact]
    public async Task One_workspace_sees_nothing_of_another()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var theirs = await server.Api(DispatcherTestServer.OtherApiKey).CreateWebhookAsync(receiver.Url(), "link.clicked");
        using var browser = new DashboardBrowser(server.Http);
        (await browser.SignInWithKeyAsync(DispatcherTestServer.ApiKey)).Dispose();

        var (list, html, _) = await browser.GetAsync("/dashboard");
        var (page, notFound, _) = await browser.GetAsync($"/dashboard/webhooks/{theirs.Id}");
        var (api, _) = await browser.ApiAsync(HttpMethod.Get, $"/v1/webhooks/{theirs.Id}");

        Assert.Equal(HttpStatusCode.OK, list);
        Assert.DoesNotContain(theirs.Id, html);
        Assert.Equal(HttpStatusCode.NotFound, page);
        Assert.Contains("<h1>Not found</h1>", notFound);
        Assert.Contains($"data-testid=\"workspace\">{DispatcherTestServer.Workspace}<", notFound);
        Assert.Equal(HttpStatusCode.NotFound, api);
    }

    [Fact]
    public async Task A_session_is_served_by_any_instance_and_ends_everywhere_when_its_key_is_revoked()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await using var first = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings(), prefix: prefix);
        await using var second = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings(), prefix: prefix);
        var admin = first.Operator();
        await admin.CreateWorkspaceAsync("ws_dash");
        var (keyId, key) = await admin.IssueKeyAsync("ws_dash", "write");
        using var browser = new DashboardBrowser(first.Http);
        (await browser.SignInWithKeyAsync(key)).Dispose();
        var session = browser.Session!;
        using var elsewhere = new DashboardBrowser(second.Http);
        elsewhere.Cookies.Add(second.Http, new Cookie(session.Name, session.Value, "/"));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/dashboard")).Status);

        var (revoked, _) = await admin.SendJsonAsync(HttpMethod.Delete, $"/v1/admin/workspaces/ws_dash/keys/{keyId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/dashboard")).Status);
        // The other instance learns of the revocation through its directory refresh, within a second
        // on a real clock; polled every 20 ms for up to three.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((await elsewhere.GetAsync("/dashboard")).Status != HttpStatusCode.Redirect)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(3), "the other instance still serves the revoked key's session after 3 s");
            await Task.Delay(20);
        }
    }
}
