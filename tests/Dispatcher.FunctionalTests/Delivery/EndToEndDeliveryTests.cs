using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dispatcher.Client.Publishing;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>The walking skeleton end to end: REST register, gRPC publish, signed POST at a real receiver.</summary>
[Collection(RedisCollection.Name)]
public sealed class EndToEndDeliveryTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Published_event_arrives_once_in_cd4cd_format_with_a_signature_that_verifies()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        var ack = await publisher.PublishAsync(TestEvents.Create("evt_e2e_1"));
        Assert.Equal(PublishStatus.Accepted, ack.Status);
        var request = await receiver.NextAsync();

        // The body is CD4CD's envelope, data passed through byte for byte.
        Assert.Equal(
            """{"id":"evt_e2e_1","type":"link.clicked","createdAt":"2026-05-13T05:42:00.123Z","data":""" + TestEvents.ClickData + "}",
            request.BodyText);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Contains("Dispatcher", request.Header("User-Agent"));

        // The SDK's verifier accepts it...
        string header = request.Header("CD4CD-Signature")!;
        Assert.True(WebhookSignature.Verify(webhook.Secret, header, request.Body, TimeSpan.FromMinutes(5)));
        // ...and so does an independent computation, as cd4cd-webhooks.txt describes it.
        string[] parts = header.Split(',');
        string t = parts[0]["t=".Length..];
        string v1 = parts[1]["v1=".Length..];
        string expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(webhook.Secret), Encoding.UTF8.GetBytes(t + "." + request.BodyText)));
        Assert.Equal(expected, v1);
        Assert.InRange(long.Parse(t), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);

        // Once: a later event arrives after it, and the first was not sent again.
        await publisher.PublishAsync(TestEvents.Create("evt_e2e_2"));
        var second = await receiver.NextAsync();
        Assert.Contains("evt_e2e_2", second.BodyText);
        Assert.Single(receiver.All, r => r.BodyText.Contains("evt_e2e_1"));

        // Nothing secret or private reached the logs: not the signing secret, the keys, or the payload.
        Assert.DoesNotContain(server.Logs.Entries, e =>
            e.Message.Contains(webhook.Secret) || e.Message.Contains(DispatcherTestServer.ApiKey)
            || e.Message.Contains(DispatcherTestServer.ProducerKey) || e.Message.Contains("promo-2026"));
    }

    [Fact]
    public async Task Repeated_id_is_acknowledged_as_duplicate_and_delivered_once()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_dup"))).Status);
        Assert.Equal(PublishStatus.Duplicate, (await publisher.PublishAsync(TestEvents.Create("evt_dup"))).Status);
        await publisher.PublishAsync(TestEvents.Create("evt_after_dup"));

        Assert.Contains("evt_dup", (await receiver.NextAsync()).BodyText);
        Assert.Contains("evt_after_dup", (await receiver.NextAsync()).BodyText);
        Assert.Single(receiver.All, r => r.BodyText.Contains("\"evt_dup\""));
    }

    [Fact]
    public async Task Webhook_receives_only_subscribed_types_of_its_own_workspace()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        // Not subscribed: another type, and the same type in another workspace. Both are accepted.
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_type", type: "link.created"))).Status);
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(
            TestEvents.Create("evt_other_ws", workspace: DispatcherTestServer.OtherWorkspace))).Status);
        await publisher.PublishAsync(TestEvents.Create("evt_mine"));

        var only = await receiver.NextAsync();
        using var json = JsonDocument.Parse(only.Body);
        Assert.Equal("evt_mine", json.RootElement.GetProperty("id").GetString());
        Assert.Single(receiver.All);
    }
}
