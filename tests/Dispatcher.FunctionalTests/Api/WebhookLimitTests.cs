using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>At most Dispatcher:Limits:WebhooksPerWorkspace webhooks per workspace, checked atomically with the create.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class WebhookLimitTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Racing_creates_never_exceed_the_limit_and_the_rest_get_409_and_write_nothing()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Limits:WebhooksPerWorkspace"] = "3",
        });
        var api = server.Api();

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = $"https://hooks.example.com/{i}", events = new[] { "link.clicked" } })));

        Assert.Equal(3, answers.Count(a => a.Status == HttpStatusCode.Created));
        var refused = answers.Where(a => a.Status != HttpStatusCode.Created).ToList();
        Assert.Equal(9, refused.Count);
        Assert.All(refused, a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Equal("WEBHOOK_LIMIT_REACHED", a.Body.GetProperty("error").GetProperty("code").GetString());
        });
        var keys = await redis.KeysAsync(server.Prefix);
        Assert.Equal(3, keys.Count(k => k.Contains(":wh:", StringComparison.Ordinal)));
        Assert.Equal(3, await redis.Db.SetLengthAsync($"{server.Prefix}:{{ws:{DispatcherTestServer.Workspace}}}:whs"));
        Assert.Contains(server.Logs.Entries, e => e.Id.Name == "WebhookLimitReached");

        // Deleting one makes room again.
        string first = answers.First(a => a.Status == HttpStatusCode.Created).Body.GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{first}")).Status);
        await api.CreateWebhookAsync(new Uri("https://hooks.example.com/again"), "link.clicked");
    }

    [Fact]
    public async Task A_workspace_can_have_its_own_limit_and_limits_are_per_workspace()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Limits:WebhooksPerWorkspace"] = "1",
            [$"Dispatcher:Limits:Workspaces:{DispatcherTestServer.OtherWorkspace}"] = "2",
        });
        var mine = server.Api();
        var theirs = server.Api(DispatcherTestServer.OtherApiKey);

        await mine.CreateWebhookAsync(new Uri("https://a.example.com/1"), "link.clicked");
        var (mineSecond, _) = await mine.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { endpoint = "https://a.example.com/2", events = new[] { "link.clicked" } });
        await theirs.CreateWebhookAsync(new Uri("https://b.example.com/1"), "link.clicked");
        await theirs.CreateWebhookAsync(new Uri("https://b.example.com/2"), "link.clicked");
        var (theirThird, _) = await theirs.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new { endpoint = "https://b.example.com/3", events = new[] { "link.clicked" } });

        Assert.Equal(HttpStatusCode.Conflict, mineSecond);
        Assert.Equal(HttpStatusCode.Conflict, theirThird);
    }
}
