using System.Net;
using Dispatcher.FunctionalTests.Api;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Dashboard;

/// <summary>Portal links: minted by the operator API only, shown once, used once, and only before they expire.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class PortalLinkTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_portal_link_signs_in_once_and_redis_keeps_only_its_hash()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var (status, link) = await server.Operator().SendJsonAsync(HttpMethod.Post,
            $"/v1/admin/workspaces/{DispatcherTestServer.Workspace}/portal-links", new { scope = "read", ttlSeconds = 120 });
        Assert.Equal(HttpStatusCode.Created, status);
        string url = link.GetProperty("url").GetString()!;
        Assert.StartsWith(new Uri(server.Http, "/dashboard/portal?token=").ToString(), url);
        Assert.Equal((DispatcherTestServer.Workspace, "read"), (link.GetProperty("workspace").GetString(), link.GetProperty("scope").GetString()));
        string token = Uri.UnescapeDataString(new Uri(url).Query.Split("token=")[1]);
        string dump = string.Join('\n', (await RedisDump.AllAsync(redis, server.Prefix)).Select(e => $"{e.Key} {e.Value}"));
        Assert.DoesNotContain(token, dump);

        using var browser = new DashboardBrowser(server.Http);
        // Opening the link (a mail scanner would) spends nothing: it only says whose it is.
        var (opened, html, _) = await browser.GetAsync(new Uri(url).PathAndQuery);
        var (openedAgain, _, _) = await browser.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (opened, openedAgain));
        Assert.Contains($"Sign in to {DispatcherTestServer.Workspace}", html);

        using var continued = await browser.UsePortalLinkAsync(url);
        Assert.Equal((HttpStatusCode.Redirect, "/dashboard"), (continued.StatusCode, continued.Headers.Location?.ToString()));
        var (list, listHtml, _) = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, list);
        Assert.Contains("data-testid=\"scope\" title=\"What this session may do\">read<", listHtml);

        using var other = new DashboardBrowser(server.Http);
        using var reused = await other.UsePortalLinkAsync(url);
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Contains("no longer valid", await reused.Content.ReadAsStringAsync());
        Assert.Null(other.Session);
        Assert.Equal(HttpStatusCode.Gone, (await other.GetAsync(new Uri(url).PathAndQuery)).Status);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings(), time: clock);
        var (_, link) = await server.Operator().SendJsonAsync(HttpMethod.Post,
            $"/v1/admin/workspaces/{DispatcherTestServer.Workspace}/portal-links", new { ttlSeconds = 60 });
        string url = link.GetProperty("url").GetString()!;
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), link.GetProperty("expiresAt").GetDateTimeOffset());

        clock.Advance(TimeSpan.FromSeconds(61));

        using var browser = new DashboardBrowser(server.Http);
        Assert.Equal(HttpStatusCode.Gone, (await browser.GetAsync(new Uri(url).PathAndQuery)).Status);
        using var refused = await browser.UsePortalLinkAsync(url);
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
        Assert.Null(browser.Session);
    }

    [Fact]
    public async Task Minting_takes_an_operator_key_a_known_workspace_and_valid_settings()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        string path = $"/v1/admin/workspaces/{DispatcherTestServer.Workspace}/portal-links";
        var admin = server.Operator();

        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api().SendJsonAsync(HttpMethod.Post, path, new { })).Status);
        var (badScope, scopeError) = await admin.SendJsonAsync(HttpMethod.Post, path, new { scope = "publish" });
        var (badTtl, ttlError) = await admin.SendJsonAsync(HttpMethod.Post, path, new { ttlSeconds = 7200 });
        var (unknown, _) = await admin.SendJsonAsync(HttpMethod.Post, "/v1/admin/workspaces/ws_nope/portal-links", new { });
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_SCOPE"), (badScope, scopeError.ErrorCode()));
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_TTL"), (badTtl, ttlError.ErrorCode()));
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        // No body at all: a write link for ten minutes.
        var (created, link) = await admin.SendJsonAsync(HttpMethod.Post, path);
        Assert.Equal((HttpStatusCode.Created, "write"), (created, link.GetProperty("scope").GetString()));
    }

    [Fact]
    public async Task With_the_dashboard_turned_off_there_are_no_pages_and_no_links()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            OperatorApi.Settings(new Dictionary<string, string?> { ["Dispatcher:Dashboard:Enabled"] = "false" }));
        using var browser = new DashboardBrowser(server.Http);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/dashboard/sign-in")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/dashboard/assets/dashboard.js")).Status);
        var (status, error) = await server.Operator().SendJsonAsync(HttpMethod.Post,
            $"/v1/admin/workspaces/{DispatcherTestServer.Workspace}/portal-links", new { });
        Assert.Equal((HttpStatusCode.Conflict, "DASHBOARD_DISABLED"), (status, error.ErrorCode()));
    }
}
