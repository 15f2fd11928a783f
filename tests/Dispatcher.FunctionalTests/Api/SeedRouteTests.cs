using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>The seeds' own shapes (snip.sa, AWSYS.CO: POST /api/webhooks with url) and workspace isolation on every route.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class SeedRouteTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Snip_style_client_manages_a_webhook_under_api_webhooks_with_x_api_key()
    {
        // Every URL here is the loopback receiver: the test event below is really sent.
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var client = new HttpClient { BaseAddress = server.Http };
        client.DefaultRequestHeaders.Add("X-API-Key", DispatcherTestServer.ApiKey);

        var (status, created) = await client.SendJsonAsync(HttpMethod.Post, "/api/webhooks",
            new { url = receiver.Url("/webhook").ToString(), events = new[] { "link.clicked", "link.created" }, secret = "your_webhook_secret" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("your_webhook_secret", created.GetProperty("secret").GetString());
        string id = created.GetProperty("id").GetString()!;
        var (_, list) = await client.SendJsonAsync(HttpMethod.Get, "/api/webhooks");
        Assert.Equal(id, Assert.Single(list.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Patch, $"/api/webhooks/{id}", new { url = receiver.Url("/v2").ToString() })).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Post, $"/api/webhooks/{id}/rotate-secret")).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendJsonAsync(HttpMethod.Post, $"/api/webhooks/{id}/test")).Status);
        var test = await receiver.NextAsync();
        Assert.Equal("/v2", test.Path);
        Assert.Contains("webhook.test", test.BodyText);
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Post, $"/api/webhooks/{id}/disable")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendJsonAsync(HttpMethod.Get, $"/api/webhooks/{id}/deliveries")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendJsonAsync(HttpMethod.Delete, $"/api/webhooks/{id}")).Status);
    }

    [Fact]
    public async Task Awsys_style_client_creates_with_url_and_bearer_under_api_webhooks()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);

        var (status, created) = await server.Api().SendJsonAsync(HttpMethod.Post, "/api/webhooks",
            new { url = "https://your-server.com/webhooks/awsys", events = new[] { "link.created", "link.deleted" }, secret = "your-signing-secret" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("https://your-server.com/webhooks/awsys", created.GetProperty("endpoint").GetString());
        Assert.Equal("your-signing-secret", created.GetProperty("secret").GetString());
    }

    [Theory]
    [InlineData("/v1/webhooks")]
    [InlineData("/api/webhooks")]
    public async Task Another_workspace_gets_404_on_every_route_and_changes_nothing(string prefix)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var mine = await server.Api().CreateWebhookAsync(new Uri("https://a.example.com/h"), "link.clicked");
        var theirs = server.Api(DispatcherTestServer.OtherApiKey);
        var before = await RedisDump.AllAsync(redis, server.Prefix);

        (HttpMethod Method, string Path, object? Body)[] calls =
        [
            (HttpMethod.Get, $"{prefix}/{mine.Id}", null),
            (HttpMethod.Patch, $"{prefix}/{mine.Id}", new { endpoint = "https://evil.example.com/h" }),
            (HttpMethod.Post, $"{prefix}/{mine.Id}/rotate-secret", new { secret = "an-attackers-secret-123" }),
            (HttpMethod.Post, $"{prefix}/{mine.Id}/test", null),
            (HttpMethod.Post, $"{prefix}/{mine.Id}/enable", null),
            (HttpMethod.Post, $"{prefix}/{mine.Id}/disable", null),
            (HttpMethod.Get, $"{prefix}/{mine.Id}/deliveries", null),
            (HttpMethod.Delete, $"{prefix}/{mine.Id}", null),
        ];
        foreach (var (method, path, body) in calls)
        {
            var (status, error) = await theirs.SendJsonAsync(method, path, body);
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {path} answered {(int)status}");
            Assert.Equal("NOT_FOUND", error.GetProperty("error").GetProperty("code").GetString());
        }

        Assert.Equal(before, await RedisDump.AllAsync(redis, server.Prefix));
        Assert.Equal(HttpStatusCode.OK, (await server.Api().SendJsonAsync(HttpMethod.Get, $"{prefix}/{mine.Id}")).Status);
    }
}
