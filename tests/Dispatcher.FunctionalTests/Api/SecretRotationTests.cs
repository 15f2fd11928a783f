using System.Net;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>POST /v1/webhooks/{id}/rotate-secret: a new secret shown once, the previous one live for the overlap.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class SecretRotationTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Rotation_shows_the_new_secret_once_and_keeps_the_previous_one_live_for_the_overlap()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Secrets:RotationOverlap"] = "02:00:00" }, clock);
        var api = server.Api();
        var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "https://hooks.example.com/h", events = new[] { "link.clicked" }, secret = "the-first-secret-0001" });
        string id = created.GetProperty("id").GetString()!;

        var (status, rotated) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/rotate-secret");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(id, rotated.GetProperty("id").GetString());
        string second = rotated.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", second);
        Assert.Equal(32, Convert.FromBase64String(second["whsec_".Length..]).Length);
        Assert.Equal(Start.AddHours(2), rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset());

        var stored = await StoredAsync(server, id);
        Assert.Equal([second, "the-first-secret-0001"], stored.LiveSecrets(Start.AddHours(2).AddMilliseconds(-1)));
        Assert.Equal([second], stored.LiveSecrets(Start.AddHours(2)));

        var (_, fetched) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}");
        Assert.False(fetched.TryGetProperty("secret", out _));
        Assert.DoesNotContain(second, fetched.GetRawText());
        Assert.Equal(Start.AddHours(2), fetched.GetProperty("previousSecretExpiresAt").GetDateTimeOffset());

        // A second rotation within the overlap: the older previous secret stops signing at once.
        clock.Advance(TimeSpan.FromMinutes(10));
        var (againStatus, again) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/rotate-secret",
            new { secret = "the-third-secret-0003" });
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Equal("the-third-secret-0003", again.GetProperty("secret").GetString());
        var after = await StoredAsync(server, id);
        Assert.Equal(["the-third-secret-0003", second], after.LiveSecrets(clock.GetUtcNow()));
        Assert.Equal(Start.AddMinutes(10).AddHours(2), after.PreviousSecretExpiresAt);
    }

    [Fact]
    public async Task The_default_overlap_is_24_hours()
    {
        var clock = new FakeTimeProvider(Start);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var webhook = await server.Api().CreateWebhookAsync(new Uri("https://hooks.example.com/h"), "link.clicked");

        var (_, rotated) = await server.Api().SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/rotate-secret", new { secret = "auto" });

        Assert.Equal(Start.AddHours(24), rotated.GetProperty("previousSecretExpiresAt").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("""{"secret":"too-short"}""", "INVALID_SECRET")]
    [InlineData("""{"secret": """, "INVALID_JSON")]
    public async Task A_bad_rotation_request_gets_400_and_changes_nothing(string body, string code)
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var webhook = await server.Api().CreateWebhookAsync(new Uri("https://hooks.example.com/h"), "link.clicked");
        var before = await RedisDump.AllAsync(redis, server.Prefix);

        var (status, error) = await server.Api().SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/rotate-secret", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(before, await RedisDump.AllAsync(redis, server.Prefix));
    }

    [Theory]
    [InlineData("Dispatcher:Secrets:RotationOverlap", "-00:00:01", "Dispatcher:Secrets:RotationOverlap must be between 00:00:00 and 30.00:00:00")]
    [InlineData("Dispatcher:Limits:WebhooksPerWorkspace", "0", "Dispatcher:Limits:WebhooksPerWorkspace must be between 1 and 100000")]
    [InlineData("Dispatcher:Limits:Workspaces:ws_a", "-3", "Dispatcher:Limits:Workspaces:ws_a must be between 1 and 100000")]
    public async Task A_bad_secret_or_limit_setting_stops_the_server_naming_the_setting(string name, string value, string line)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?> { [name] = value }));

        Assert.Contains(line, error.Failures);
    }

    private static async Task<Dispatcher.Core.Webhooks.Webhook> StoredAsync(DispatcherTestServer server, string id) =>
        await server.Services.GetRequiredService<WebhookStore>().GetAsync(DispatcherTestServer.Workspace, id)
            ?? throw new InvalidOperationException($"webhook {id} is gone");
}
