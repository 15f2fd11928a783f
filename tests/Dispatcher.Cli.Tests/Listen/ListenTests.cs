using System.Net;
using System.Text.Json;
using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Listen;

/// <summary><c>dispatcher listen</c>: the real CLI process forwarding a real server's deliveries to a local Kestrel receiver.</summary>
[Collection(ListenRedisCollection.Name)]
public sealed class ListenTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Listen_forwards_a_published_event_that_the_receivers_own_verification_accepts_and_sigint_removes_the_webhook()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var env = CliServer.Environment(server);
        await using var listen = CliProcess.Start(env, output, "listen", "--forward-to", receiver.Url("/webhooks").ToString(), "--events", "link.clicked");
        string webhookId = (await listen.NextLineAsync(l => l.StartsWith("Ready: temporary webhook ", StringComparison.Ordinal))).Split(' ')[3];
        string secret = (await listen.NextLineAsync(l => l.StartsWith("Your webhook signing secret is ", StringComparison.Ordinal))).Split(' ')[^1];

        await using (var publisher = server.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_listen_1"));
            // Not subscribed: never forwarded.
            await publisher.PublishAsync(TestEvents.Create("evt_listen_qr", type: "qr.scanned"));
        }

        var request = await receiver.NextAsync();
        Assert.Equal("/webhooks", request.Path);
        Assert.True(WebhookSignature.Verify(secret, request.Header("CD4CD-Signature")!, request.Body, TimeSpan.FromMinutes(5)));
        Assert.Equal("Dispatcher-Webhooks/1.0", request.Header("User-Agent"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        using (var body = JsonDocument.Parse(request.Body))
        {
            Assert.Equal("evt_listen_1", body.RootElement.GetProperty("id").GetString());
            Assert.Equal("link.clicked", body.RootElement.GetProperty("type").GetString());
        }
        string line = await listen.NextLineAsync(l => l.Contains("evt_listen_1"));
        Assert.Contains("link.clicked", line);
        Assert.Contains("--> 200", line);

        // The CLI's report is the attempt's result in the delivery log.
        var api = server.Api();
        await server.Logs.WaitForAsync("AttemptSettled");
        var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries");
        var entry = Assert.Single(log.GetProperty("data").EnumerateArray());
        Assert.Equal("succeeded", entry.GetProperty("outcome").GetString());
        Assert.Equal(200, entry.GetProperty("statusCode").GetInt32());

        listen.Interrupt();
        var ended = await listen.WaitForExitAsync();
        Assert.Equal(0, ended.ExitCode);
        Assert.Contains($"deleted the temporary webhook {webhookId}", ended.Stdout);
        var (status, _) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}");
        Assert.Equal(HttpStatusCode.NotFound, status);
        // Nothing of the webhook is left but its hold's 'deleted' tombstone, which expires (drop.lua).
        Assert.DoesNotContain(await redis.KeysAsync(server.Prefix),
            k => k.Contains(webhookId, StringComparison.Ordinal) && !k.EndsWith($":hold:{webhookId}", StringComparison.Ordinal));
        Assert.Single(receiver.All);
    }

    [Fact]
    public async Task A_local_target_refusing_connections_prints_a_line_per_failure_and_listen_keeps_running()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var env = CliServer.Environment(server);
        await using var listen = CliProcess.Start(env, output, "listen", "--forward-to", $"http://127.0.0.1:{Ports.Free()}/hook");
        await listen.NextLineAsync(l => l.StartsWith("Ready: ", StringComparison.Ordinal));

        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_refused_1"));
        Assert.Contains("failed: Connection refused", await listen.NextLineAsync(l => l.Contains("evt_refused_1")));
        await publisher.PublishAsync(TestEvents.Create("evt_refused_2", type: "qr.scanned"));
        Assert.Contains("failed: Connection refused", await listen.NextLineAsync(l => l.Contains("evt_refused_2")));

        listen.Interrupt();
        Assert.Equal(0, (await listen.WaitForExitAsync()).ExitCode);
    }

    [Fact]
    public async Task Listen_with_a_wrong_key_exits_3()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);

        var result = await CliProcess.RunAsync(CliServer.Environment(server, apiKey: "not_the_key_123"), output, "listen", "--forward-to", "http://127.0.0.1:9/hook");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("refused the API key", result.Stderr);
        Assert.DoesNotContain(await redis.KeysAsync(server.Prefix), k => k.Contains(":{ws:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_rest_api_refuses_the_reserved_cli_scheme_on_create_and_patch_and_writes_nothing()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        var before = await redis.KeysAsync(server.Prefix);

        var (created, createdBody) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = $"cli://listen/{webhook.Id}", events = new[] { "link.clicked" } });
        var (patched, patchedBody) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{webhook.Id}", new { endpoint = "cli://listen/wh_other" });

        Assert.Equal(HttpStatusCode.BadRequest, created);
        Assert.Equal("INVALID_ENDPOINT", createdBody.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, patched);
        Assert.Equal("INVALID_ENDPOINT", patchedBody.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
        var (_, got) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal(receiver.Url().ToString(), got.GetProperty("endpoint").GetString());
    }
}
