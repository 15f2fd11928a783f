using System.Net;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>
/// Custom headers that cannot be decrypted hold the webhook like an unreadable secret (sending
/// without its Authorization would only fail at the receiver), and a PATCH of the headers repairs
/// it and sends what was held at once.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class UnreadableHeaderTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Corrupt_headers_hold_the_deliveries_until_a_patch_writes_new_ones()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = receiver.Url().ToString(), events = new[] { "link.clicked" }, headers = new { Authorization = "Bearer lost_token" } });
        string id = created.GetProperty("id").GetString()!;
        await using var publisher = server.Publisher();

        // Queue a delivery while disabled, then break the headers as a lost Data Protection key would.
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/disable")).Status);
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_held_headers"))).Status);
        await redis.Db.HashSetAsync($"{server.Prefix}:{{ws:{DispatcherTestServer.Workspace}}}:wh:{id}", "headers", "enc1:CfDJ8-corrupt-ciphertext");
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/enable")).Status);
        // The pump's idle poll (1 s) claims it and holds it instead of sending it without the header.
        await server.Logs.WaitForAsync("WebhookSecretUnreadable");
        var (_, held) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}");
        Assert.Equal("secret_unreadable", held.GetProperty("status").GetString());
        Assert.Contains("PATCH the headers", held.GetProperty("statusReason").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.All);

        var (status, patched) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{id}", new { headers = new { Authorization = "Bearer new_token" } });
        // Well inside the hold's one-minute recheck: the PATCH released it.
        var released = await receiver.NextAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("enabled", patched.GetProperty("status").GetString());
        Assert.Contains("evt_held_headers", released.BodyText, StringComparison.Ordinal);
        Assert.Equal("Bearer new_token", released.Header("Authorization"));
    }
}
