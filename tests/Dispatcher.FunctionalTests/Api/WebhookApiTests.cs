using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>POST/GET/DELETE /v1/webhooks as cd4cd-webhooks.txt describes them, with workspace isolation.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class WebhookApiTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Create_returns_201_with_id_and_generated_secret_and_get_never_shows_the_secret()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();

        var (status, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://hooks.example.com/cd4cd", events = new[] { "link.clicked", "link.created" }, secret = "auto" });

        Assert.Equal(HttpStatusCode.Created, status);
        string id = created.GetProperty("id").GetString()!;
        Assert.StartsWith("wh_", id);
        Assert.Equal("https://hooks.example.com/cd4cd", created.GetProperty("endpoint").GetString());
        Assert.Equal(["link.clicked", "link.created"], created.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        string secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);

        var (getStatus, fetched) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(id, fetched.GetProperty("id").GetString());
        Assert.False(fetched.TryGetProperty("secret", out _));
        Assert.Equal(created.GetProperty("createdAt").GetString(), fetched.GetProperty("createdAt").GetString());

        var (_, list) = await api.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        var only = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal(id, only.GetProperty("id").GetString());
        Assert.DoesNotContain(secret, list.GetRawText());
    }

    [Fact]
    public async Task A_given_secret_is_kept_and_url_is_accepted_beside_endpoint()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);

        var (status, created) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { url = "https://your-server.com/webhooks/awsys", events = new[] { "link.created" }, secret = "your-signing-secret" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("your-signing-secret", created.GetProperty("secret").GetString());
        Assert.Equal("https://your-server.com/webhooks/awsys", created.GetProperty("endpoint").GetString());
    }

    [Theory]
    [InlineData("""{"endpoint":"ftp://x.example.com/h","events":["link.clicked"]}""", "INVALID_ENDPOINT")]
    [InlineData("""{"endpoint":"not a url","events":["link.clicked"]}""", "INVALID_ENDPOINT")]
    [InlineData("""{"events":["link.clicked"]}""", "INVALID_ENDPOINT")]
    [InlineData("""{"endpoint":"https://x.example.com/h","events":[]}""", "INVALID_EVENTS")]
    [InlineData("""{"endpoint":"https://x.example.com/h"}""", "INVALID_EVENTS")]
    [InlineData("""{"endpoint":"https://x.example.com/h","events":["link.clicked"],"secret":"short"}""", "INVALID_SECRET")]
    [InlineData("""{"endpoint":"https://x.example.com/h","events":["link.clicked"],"rateLimit":{"perSecond":0,"burst":5}}""", "INVALID_RATE_LIMIT")]
    [InlineData("""{"endpoint":"https://x.example.com/h","events":["link.clicked"],"retrySchedule":[60,-1]}""", "INVALID_RETRY_SCHEDULE")]
    // Two weeks of retries, past the 7-day event retention.
    [InlineData("""{"endpoint":"https://x.example.com/h","events":["link.clicked"],"retrySchedule":[604800,604800]}""", "INVALID_RETRY_SCHEDULE")]
    [InlineData("""{"endpoint": """, "INVALID_JSON")]
    [InlineData("""[1, 2]""", "INVALID_JSON")]
    public async Task Bad_create_requests_get_400_with_a_stable_code_and_create_nothing(string body, string code)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var before = await redis.KeysAsync(server.Prefix);

        var (status, error) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }

    [Fact]
    public async Task Unknown_event_names_are_listed_in_the_error()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);

        var (status, error) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://x.example.com/h", events = new[] { "link.clicked", "click", "link.teleported" } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["click", "link.teleported"],
            error.GetProperty("error").GetProperty("invalid").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Http_and_loopback_endpoints_are_refused_unless_allow_local_is_on()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Endpoints:AllowLocal"] = "false" });
        var api = server.Api();

        var (httpStatus, httpError) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "http://hooks.example.com/h", events = new[] { "link.clicked" } });
        var (loopStatus, loopError) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://127.0.0.1/h", events = new[] { "link.clicked" } });

        Assert.Equal(HttpStatusCode.BadRequest, httpStatus);
        Assert.Contains("https", httpError.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, loopStatus);
        Assert.Equal("INVALID_ENDPOINT", loopError.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("Authorization", "Bearer nope_not_a_key")]
    [InlineData("Authorization", "Basic dGVzdDp0ZXN0")]
    [InlineData("X-API-Key", "nope_not_a_key")]
    [InlineData("Authorization", "Bearer " + DispatcherTestServer.ProducerKey)]
    public async Task Missing_or_wrong_api_key_gets_401_json_and_changes_nothing(string? header, string? value)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var before = await redis.KeysAsync(server.Prefix);
        using var client = new HttpClient { BaseAddress = server.Http };
        if (header is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);
        }

        var (postStatus, error) = await client.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://x.example.com/h", events = new[] { "link.clicked" } });
        var (listStatus, _) = await client.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");

        Assert.Equal(HttpStatusCode.Unauthorized, postStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, listStatus);
        Assert.Equal("UNAUTHENTICATED", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }

    [Fact]
    public async Task X_api_key_header_works_like_bearer()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var client = new HttpClient { BaseAddress = server.Http };
        client.DefaultRequestHeaders.Add("X-API-Key", DispatcherTestServer.ApiKey);

        var (status, _) = await client.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { url = "https://snip.example.com/hook", events = new[] { "link.clicked" }, secret = "your_webhook_secret" });

        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Another_workspace_cannot_see_get_or_delete_a_webhook()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var mine = await server.Api().CreateWebhookAsync(new Uri("https://a.example.com/h"), "link.clicked");
        var theirs = server.Api(DispatcherTestServer.OtherApiKey);

        var (listStatus, list) = await theirs.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        var (getStatus, getError) = await theirs.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{mine.Id}");
        var (deleteStatus, _) = await theirs.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{mine.Id}");

        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Empty(list.GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, getStatus);
        Assert.Equal("NOT_FOUND", getError.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, deleteStatus);
        Assert.Equal(HttpStatusCode.OK, (await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{mine.Id}")).Status);
    }

    [Fact]
    public async Task Delete_answers_204_then_404_and_drops_pending_work()
    {
        await using var receiver = await TestReceiver.StartAsync();
        // The receiver fails, so the delivery stays queued for a retry a minute later.
        receiver.Respond = (_, _) => Task.FromResult(500);
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_pending"));
        await receiver.NextAsync();

        var (deleteStatus, _) = await api.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{webhook.Id}");
        var (againStatus, _) = await api.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{webhook.Id}");

        Assert.Equal(HttpStatusCode.NoContent, deleteStatus);
        Assert.Equal(HttpStatusCode.NotFound, againStatus);
        // All that is left is the hold's tombstone (which keeps an attempt in flight from logging) and it expires.
        var keys = await redis.KeysAsync(server.Prefix);
        string tombstone = Assert.Single(keys, k => k.Contains(webhook.Id));
        Assert.Equal(server.PartitionKey(webhook.Id, "hold"), tombstone);
        Assert.Equal("deleted", (string?)await redis.Db.StringGetAsync(tombstone));
        Assert.NotNull(await redis.Db.KeyTimeToLiveAsync(tombstone));
    }
}
