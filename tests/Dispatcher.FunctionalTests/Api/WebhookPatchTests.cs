using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>PATCH /v1/webhooks/{id}: each field checked as on create; all or nothing.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class WebhookPatchTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Patch_changes_the_given_fields_and_answers_200_without_the_secret()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(new Uri("https://hooks.example.com/old"), "link.clicked");

        var (status, patched) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{webhook.Id}", new
        {
            url = "https://hooks.example.com/new",
            events = new[] { "link.created", "qr.scanned", "link.created" },
            rateLimit = new { perSecond = 5, burst = 2 },
            retrySchedule = new[] { 30, 90 },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(patched.TryGetProperty("secret", out _));
        var (_, fetched) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal("https://hooks.example.com/new", fetched.GetProperty("endpoint").GetString());
        Assert.Equal(["link.created", "qr.scanned"], fetched.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(5, fetched.GetProperty("rateLimit").GetProperty("perSecond").GetInt32());
        Assert.Equal([30, 90], fetched.GetProperty("retrySchedule").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(patched.GetRawText(), fetched.GetRawText());

        // Null puts a setting back to the deployment's; absent fields stay as they are.
        var (resetStatus, reset) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{webhook.Id}", """{"rateLimit": null}""");
        Assert.Equal(HttpStatusCode.OK, resetStatus);
        Assert.False(reset.TryGetProperty("rateLimit", out _));
        Assert.Equal([30, 90], reset.GetProperty("retrySchedule").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("https://hooks.example.com/new", reset.GetProperty("endpoint").GetString());
    }

    [Theory]
    [InlineData("""{"endpoint":"ftp://x.example.com/h"}""", "INVALID_ENDPOINT")]
    [InlineData("""{"endpoint":null}""", "INVALID_ENDPOINT")]
    [InlineData("""{"events":[]}""", "INVALID_EVENTS")]
    [InlineData("""{"events":["link.clicked","link.teleported"]}""", "INVALID_EVENTS")]
    [InlineData("""{"events":["webhook.test"]}""", "INVALID_EVENTS")]
    [InlineData("""{"rateLimit":{"perSecond":0,"burst":5}}""", "INVALID_RATE_LIMIT")]
    [InlineData("""{"retrySchedule":[60,-1]}""", "INVALID_RETRY_SCHEDULE")]
    [InlineData("""{"retrySchedule":[604800,604800]}""", "INVALID_RETRY_SCHEDULE")]
    [InlineData("""{"secret":"a-new-secret-0123456789"}""", "INVALID_SECRET")]
    [InlineData("""{"endpoint":"https://ok.example.com/h","colour":"blue"}""", "UNKNOWN_FIELD")]
    [InlineData("""{"events":"link.clicked"}""", "INVALID_JSON")]
    [InlineData("""{"endpoint": """, "INVALID_JSON")]
    [InlineData("""[1]""", "INVALID_JSON")]
    // Valid fields beside an invalid one: nothing at all is written.
    [InlineData("""{"endpoint":"https://ok.example.com/h","events":["link.created"],"retrySchedule":[0]}""", "INVALID_RETRY_SCHEDULE")]
    public async Task A_bad_patch_gets_400_with_its_code_and_the_stored_webhook_is_unchanged(string body, string code)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var webhook = await server.Api().CreateWebhookAsync(new Uri("https://hooks.example.com/h"), "link.clicked");
        string hashKey = $"{server.Prefix}:{{ws:{DispatcherTestServer.Workspace}}}:wh:{webhook.Id}";
        var before = await redis.Db.HashGetAllAsync(hashKey);

        var (status, error) = await server.Api().SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{webhook.Id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal(before.OrderBy(e => (string?)e.Name), (await redis.Db.HashGetAllAsync(hashKey)).OrderBy(e => (string?)e.Name));
    }

    [Fact]
    public async Task Patching_an_unknown_webhook_answers_404()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var before = await RedisDump.AllAsync(redis, server.Prefix);

        var (status, error) = await server.Api().SendJsonAsync(HttpMethod.Patch, "/v1/webhooks/wh_nothere", new { events = new[] { "link.clicked" } });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(before, await RedisDump.AllAsync(redis, server.Prefix));
    }

    [Fact]
    public async Task An_empty_patch_answers_the_webhook_as_it_is_and_writes_nothing()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(new Uri("https://hooks.example.com/h"), "link.clicked");
        var before = await RedisDump.AllAsync(redis, server.Prefix);

        var (status, body) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{webhook.Id}", "{}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(webhook.Id, body.GetProperty("id").GetString());
        Assert.Equal("https://hooks.example.com/h", body.GetProperty("endpoint").GetString());
        Assert.Equal(before, await RedisDump.AllAsync(redis, server.Prefix));
    }
}
