using System.Net;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>Formats through the API: names, refusals, the catalogue, precedence of rules.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class FormatApiTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Theory]
    [InlineData("awsys", "click")]          // AWSYS.CO: short names are refused
    [InlineData("awsys", "link.clicked")]   // the catalogue's name is not AWSYS.CO's
    [InlineData("georedir", "link.clicked")]
    [InlineData("snip", "link.created")]
    [InlineData("cd4cd", "url.clicked")]
    [InlineData("cd4cd", "webhook.test")]
    public async Task Names_that_are_not_the_formats_full_names_are_refused_and_nothing_is_created(string format, string name)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var before = await redis.KeysAsync(server.Prefix);

        var (status, body) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { url = "https://hooks.example.com/x", format, events = new[] { "qr.scanned", name } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error");
        Assert.Equal("INVALID_EVENTS", error.GetProperty("code").GetString());
        Assert.Equal([name], error.GetProperty("invalid").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(format, error.GetProperty("message").GetString());
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }

    [Fact]
    public async Task An_unknown_format_or_a_secret_the_format_cannot_use_is_refused_and_nothing_is_created()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var before = await redis.KeysAsync(server.Prefix);

        var (formatStatus, formatError) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://hooks.example.com/x", format = "zapier", events = new[] { "link.clicked" } });
        var (secretStatus, secretError) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://hooks.example.com/x", format = "standard-webhooks", events = new[] { "link.clicked" }, secret = "a_plain_secret_of_enough_length" });

        Assert.Equal(HttpStatusCode.BadRequest, formatStatus);
        Assert.Equal("INVALID_FORMAT", formatError.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, secretStatus);
        Assert.Equal("INVALID_SECRET", secretError.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }

    [Fact]
    public async Task A_webhook_answers_in_its_formats_names_and_a_generated_standard_secret_decodes()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();

        var (_, geo) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://hooks.example.com/geo", format = "georedir", events = new[] { "click", "conversion", "link.created" } });
        var (_, standard) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://hooks.example.com/sw", format = "standard-webhooks", events = new[] { "link.clicked" }, secret = "auto" });
        var (_, fetched) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{geo.GetProperty("id").GetString()}");

        Assert.Equal("georedir", fetched.GetProperty("format").GetString());
        Assert.Equal(["click", "conversion", "link.created"], fetched.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.True(Dispatcher.Core.Profiles.RequestSigner.TryDecodeStandardSecret(standard.GetProperty("secret").GetString()!, out var key));
        Assert.Equal(32, key.Length);
    }

    [Fact]
    public async Task The_deployments_default_format_applies_when_create_names_none()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:DefaultFormat"] = "snip" });

        var (status, created) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { url = "https://your-server.com/webhook", events = new[] { "url.clicked", "url.created" }, secret = "your_webhook_secret" });

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("snip", created.GetProperty("format").GetString());
    }

    [Fact]
    public async Task Event_types_lists_the_catalogue_with_descriptions_and_each_formats_name()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);

        var (status, body) = await server.Api().SendJsonAsync(HttpMethod.Get, "/v1/event-types");
        var (anonymous, _) = await server.Api("not_a_key_at_all").SendJsonAsync(HttpMethod.Get, "/v1/event-types");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        var types = body.GetProperty("data").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(Dispatcher.Core.Events.EventCatalogue.All.Count, types.Count);
        var clicked = types["link.clicked"];
        Assert.False(string.IsNullOrEmpty(clicked.GetProperty("description").GetString()));
        var names = clicked.GetProperty("formats");
        Assert.Equal("click", names.GetProperty("georedir").GetString());
        Assert.Equal("link.click", names.GetProperty("awsys").GetString());
        Assert.Equal("url.clicked", names.GetProperty("snip").GetString());
        Assert.Equal("link.clicked", names.GetProperty("cd4cd").GetString());
        Assert.Equal("conversion", types["conversion.recorded"].GetProperty("formats").GetProperty("georedir").GetString());
    }

    [Fact]
    public async Task Retries_follow_the_webhooks_own_schedule_then_its_formats_then_the_deployments()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Delivery:RetrySchedule:0"] = "5" }, clock);
        var api = server.Api();
        string geo = (await api.CreateFormatWebhookAsync(receiver.Url("/geo"), "georedir", "click")).Id;
        string snip = (await api.CreateFormatWebhookAsync(receiver.Url("/snip"), "snip", "url.clicked")).Id;
        var (_, own) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = receiver.Url("/own").ToString(), format = "georedir", events = new[] { "click" }, retrySchedule = new[] { 7 } });
        string ownId = own.GetProperty("id").GetString()!;
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_precedence"));
        await server.Logs.WaitForAsync("RetryScheduled", 3);

        double now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.InRange(await DueInAsync(server, geo, now), 60_000, 66_000);   // GeoRedir's doc: 1 minute (+ jitter)
        Assert.InRange(await DueInAsync(server, snip, now), 5_000, 5_500);    // snip.sa is silent: the deployment's 5 s
        Assert.InRange(await DueInAsync(server, ownId, now), 7_000, 7_700);   // the webhook's own beats its format's
    }

    [Fact]
    public async Task Each_format_waits_as_long_as_its_doc_says_for_an_answer()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = async (_, cancel) =>
        {
            await Task.Delay(Timeout.Infinite, cancel).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return 200;
        };
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        await api.CreateFormatWebhookAsync(receiver.Url("/cd4cd"), "cd4cd", "link.clicked");
        await api.CreateFormatWebhookAsync(receiver.Url("/geo"), "georedir", "click");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_slow"));
        await receiver.NextAsync();
        await receiver.NextAsync();

        clock.Advance(TimeSpan.FromSeconds(11));
        string first = await server.Logs.WaitForAsync("RetryScheduled", 1);
        Assert.Contains("no response within 10 s", first);
        clock.Advance(TimeSpan.FromSeconds(20));
        await server.Logs.WaitForAsync("RetryScheduled", 2);
        Assert.Contains(server.Logs.Entries, e => e.Id.Name == "RetryScheduled" && e.Message.Contains("no response within 30 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delivery_over_the_signed_size_limit_carries_a_fetch_url_that_only_its_workspace_can_read()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Delivery:MaxSignedBodyBytes"] = "1024" });
        var api = server.Api();
        var webhook = await api.CreateFormatWebhookAsync(receiver.Url(), "elido", "link.clicked");
        string big = $$"""{"linkId":"lnk_1","note":"{{new string('x', 3000)}}"}""";
        await using var publisher = server.Publisher();
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_big", data: big))).Status);

        var delivery = await receiver.NextAsync();
        Assert.True(delivery.Body.Length <= 1024, $"{delivery.Body.Length} bytes");
        Assert.True(Dispatcher.Client.Signatures.WebhookSignature.Verify(webhook.Secret, delivery.Header("Elido-Signature"), delivery.Body, TimeSpan.FromMinutes(5)));
        using var json = System.Text.Json.JsonDocument.Parse(delivery.Body);
        var data = json.RootElement.GetProperty("data");
        Assert.True(data.GetProperty("truncated").GetBoolean());
        string url = data.GetProperty("url").GetString()!;
        Assert.Equal($"{server.Http.AbsoluteUri.TrimEnd('/')}/v1/events/evt_big", url);

        var (status, full) = await api.SendJsonAsync(HttpMethod.Get, new Uri(url).AbsolutePath);
        var (foreign, _) = await server.Api(DispatcherTestServer.OtherApiKey).SendJsonAsync(HttpMethod.Get, new Uri(url).AbsolutePath);
        var (unknown, _) = await api.SendJsonAsync(HttpMethod.Get, "/v1/events/evt_never");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("link.clicked", full.GetProperty("type").GetString());
        Assert.Equal(3000, full.GetProperty("data").GetProperty("note").GetString()!.Length);
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    private async Task<double> DueInAsync(DispatcherTestServer server, string webhookId, double now)
    {
        var entries = await redis.Db.SortedSetRangeByRankWithScoresAsync(server.PartitionKey(webhookId, "q"));
        return Assert.Single(entries).Score - now;
    }
}
