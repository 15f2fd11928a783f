using System.Net;
using System.Text.Json;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Notifications;

/// <summary>
/// A workspace's webhook may subscribe to the owner notification event types: status changes reach
/// it signed, through the engine like any event, and never when they are about itself.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class NotificationWebhookTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_disabled_webhook_is_announced_to_the_notification_endpoint_signed()
    {
        await using var customer = await TestReceiver.StartAsync();
        await using var owner = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var notifications = await api.CreateWebhookAsync(owner.Url(), "webhook.disabled", "webhook.enabled");
        var webhook = await api.CreateWebhookAsync(customer.Url(), "link.clicked");

        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable")).Status);
        var request = await owner.NextAsync(TimeSpan.FromSeconds(15));

        Assert.True(WebhookSignature.Verify(notifications.Secret, request.Header("CD4CD-Signature"), request.Body, TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("webhook.disabled", body.RootElement.GetProperty("type").GetString());
        var data = body.RootElement.GetProperty("data");
        Assert.Equal(webhook.Id, data.GetProperty("webhook_id").GetString());
        Assert.Equal(customer.Url().ToString(), data.GetProperty("endpoint").GetString());
        Assert.Equal("disabled", data.GetProperty("status").GetString());
        Assert.Equal("disabled through the API", data.GetProperty("reason").GetString());
        // Logged like any delivery (once settled, just after the receiver answered: polled, up to 15 s).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        string log;
        do
        {
            await Task.Delay(50);
            log = (await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{notifications.Id}/deliveries")).Body.GetRawText();
        }
        while (!log.Contains("webhook.disabled", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        Assert.Contains("webhook.disabled", log);
    }

    [Fact]
    public async Task A_failing_notification_endpoint_never_notifies_about_itself()
    {
        await using var failing = await TestReceiver.StartAsync();
        failing.Respond = (_, _) => Task.FromResult(500);
        await using var other = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        // Both subscribe to webhook.failing; the first also gets clicks, which it fails (no retries).
        var (status, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = failing.Url().ToString(),
            format = "standard-webhooks", // silent on disabling: one failure makes it failing, not disabled
            events = new[] { "link.clicked", "webhook.failing" },
            retrySchedule = Array.Empty<int>(),
        });
        Assert.Equal(HttpStatusCode.Created, status);
        string failingId = created.GetProperty("id").GetString()!;
        await api.CreateWebhookAsync(other.Url(), "webhook.failing");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_fail_self"));
        var announced = await other.NextAsync(TimeSpan.FromSeconds(15));

        using var body = JsonDocument.Parse(announced.Body);
        Assert.Equal("webhook.failing", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(failingId, body.RootElement.GetProperty("data").GetProperty("webhook_id").GetString());
        // The event was fanned out in one write: had it targeted the failing webhook too, its copy
        // would be queued or delivered by now. Its queue is empty and it only ever got the click.
        var db = redis.Connection.GetDatabase();
        Assert.Equal(0, await db.SortedSetLengthAsync(server.PartitionKey(failingId, "q")));
        Assert.All(failing.All, r => Assert.DoesNotContain("webhook.failing", r.BodyText));
        Assert.Single(failing.All);
    }
}
