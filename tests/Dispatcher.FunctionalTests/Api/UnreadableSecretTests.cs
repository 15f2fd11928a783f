using System.Net;
using Dispatcher.Client.Publishing;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>
/// A webhook whose stored secret cannot be decrypted (here: its field corrupted in real Redis)
/// must not sink its workspace or its partition: ingest skips it, the API shows it, the pump holds
/// its deliveries without spinning, and a rotation sends them.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class UnreadableSecretTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Theory]
    // A ciphertext no key in the ring opens, and a value that is not even base64url.
    [InlineData("enc1:CfDJ8-corrupt-ciphertext")]
    [InlineData("enc1:%%% not base64 %%%")]
    public async Task A_corrupt_secret_is_skipped_by_ingest_listed_by_the_api_held_by_the_pump_and_repaired_by_rotation(string corrupt)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        // One partition: the broken webhook and the healthy one share a pump.
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?>
            {
                ["Dispatcher:Partitions:Count"] = "1",
                // The rechecks log at Debug: the test counts them.
                ["Logging:LogLevel:Dispatcher.Engine.Holds"] = "Debug",
            }, clock);
        var api = server.Api();
        var broken = await api.CreateWebhookAsync(receiver.Url("/broken"), "link.clicked");
        var healthy = await api.CreateWebhookAsync(receiver.Url("/healthy"), "link.clicked");
        await using var publisher = server.Publisher();

        // Queue one delivery for the broken webhook while it is disabled, then break its secret.
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{broken.Id}/disable")).Status);
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_before_break"))).Status);
        Assert.Equal("/healthy", (await receiver.NextAsync()).Path);
        await server.Logs.WaitForAsync("AttemptSettled");
        await redis.Db.HashSetAsync($"{server.Prefix}:{{ws:{DispatcherTestServer.Workspace}}}:wh:{broken.Id}", "secret", corrupt);
        // Ingest re-reads a workspace only when its version moves (a create does), as after a restart.
        await api.CreateWebhookAsync(receiver.Url("/other"), "qr.scanned");

        // The API answers, and says what is wrong.
        var (listStatus, list) = await api.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Equal(HttpStatusCode.OK, listStatus);
        var shown = list.GetProperty("data").EnumerateArray().Single(w => w.GetProperty("id").GetString() == broken.Id);
        Assert.Equal("secret_unreadable", shown.GetProperty("status").GetString());
        Assert.Contains("rotate the secret", shown.GetProperty("statusReason").GetString());

        // Enabling it lets the pump claim its delivery: held, logged once, and the partition keeps delivering.
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{broken.Id}/enable")).Status);
        // Enabling does not wake the pump; its idle poll (1 s) finds the work.
        await AdvanceUntilLoggedAsync(clock, server.Logs, TimeSpan.FromSeconds(1), "WebhookSecretUnreadable", 1);
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_after_break"))).Status);
        var after = await receiver.NextAsync();
        Assert.Equal("/healthy", after.Path);
        Assert.Contains("evt_after_break", after.BodyText);
        await server.Logs.WaitForAsync("IngestSkippedUnreadableWebhook");

        // Both healthy deliveries settled before the clock jumps, or their claims would lapse and send them again.
        await server.Logs.WaitForAsync("AttemptSettled", 2);

        // Each recheck finds it still unreadable: one debug line each, never the warning again, never a pump failure.
        for (int i = 1; i <= 3; i++)
        {
            await AdvanceUntilLoggedAsync(clock, server.Logs, TimeSpan.FromMinutes(1), "WebhookSecretStillUnreadable", i);
        }
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_still_broken"))).Status);
        Assert.Equal("/healthy", (await receiver.NextAsync()).Path);
        Assert.Single(server.Logs.Entries, e => e.Id.Name == "WebhookSecretUnreadable");
        Assert.Single(server.Logs.Entries, e => e.Id.Name == "IngestSkippedUnreadableWebhook");
        Assert.DoesNotContain(server.Logs.Entries, e => e.Id.Name is "PumpFailed" or "PartitionRedisError");
        Assert.DoesNotContain(receiver.All, r => r.Path == "/broken");

        // A rotation repairs it: the held delivery goes out at once, signed with the new secret only.
        const string Fresh = "a-fresh-secret-after-the-loss";
        var (rotateStatus, rotated) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{broken.Id}/rotate-secret", new { secret = Fresh });
        Assert.Equal(HttpStatusCode.OK, rotateStatus);
        Assert.Equal("enabled", rotated.GetProperty("status").GetString());
        var released = await receiver.NextAsync();
        Assert.Equal("/broken", released.Path);
        Assert.Contains("evt_before_break", released.BodyText);
        string signature = released.Header("CD4CD-Signature")!;
        Assert.True(WebhookSignature.Verify(Fresh, signature, released.Body, TimeSpan.FromMinutes(5)), signature);
        Assert.Single(signature.Split(','), part => part.StartsWith("v1=", StringComparison.Ordinal));
    }

    /// <summary>
    /// Moves the fake clock by <paramref name="step"/>, then by one idle poll (1 s) at a time until the
    /// event is logged: a pump that was busy when the clock jumped arms its idle timer from the new
    /// time, and only a further step fires it.
    /// </summary>
    private static async Task AdvanceUntilLoggedAsync(FakeTimeProvider clock, TestLoggerProvider logs, TimeSpan step, string eventName, int occurrences)
    {
        clock.Advance(step);
        for (int nudge = 0; nudge < 20; nudge++)
        {
            var logged = logs.WaitForAsync(eventName, occurrences, TimeSpan.FromMilliseconds(500));
            try
            {
                await logged;
                return;
            }
            catch (TimeoutException)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
        await logs.WaitForAsync(eventName, occurrences);
    }
}
