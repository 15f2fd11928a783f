using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Notifications;

/// <summary>The producer hears when a webhook turns failing, disabled or enabled.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class WebhookNotificationTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly Metadata Producer = new() { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } };

    [Fact]
    public async Task Gone_disables_and_enable_enables_and_each_reaches_the_producer_filtered_by_workspace()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(410);
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        var client = new WebhookNotifications.WebhookNotificationsClient(channel);
        using var all = client.Subscribe(new SubscribeRequest(), Producer);
        var onlyB = new SubscribeRequest();
        onlyB.WorkspaceIds.Add(DispatcherTestServer.OtherWorkspace);
        using var filtered = client.Subscribe(onlyB, Producer);
        await all.ResponseHeadersAsync;
        await filtered.ResponseHeadersAsync;

        var webhookA = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        var webhookB = await server.Api(DispatcherTestServer.OtherApiKey).CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_gone_a"));
        var disabledA = await NextAsync(all);
        await publisher.PublishAsync(TestEvents.Create("evt_gone_b", workspace: DispatcherTestServer.OtherWorkspace));
        var disabledB = await NextAsync(all);
        await server.Api().SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhookA.Id}/enable");
        var enabledA = await NextAsync(all);

        Assert.Equal((webhookA.Id, WebhookStatus.Disabled), (disabledA.WebhookId, disabledA.Status));
        Assert.Contains("410", disabledA.Reason);
        Assert.Equal(receiver.Url().ToString(), disabledA.Endpoint);
        Assert.Equal((webhookB.Id, WebhookStatus.Disabled), (disabledB.WebhookId, disabledB.Status));
        Assert.Equal((webhookA.Id, WebhookStatus.Enabled), (enabledA.WebhookId, enabledA.Status));
        // The filtered stream saw only workspace B's change.
        Assert.Equal(webhookB.Id, (await NextAsync(filtered)).WebhookId);
    }

    [Fact]
    public async Task Failing_then_disabled_after_consecutive_failures()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        await using var server = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Delivery:DisableAfterFailures"] = "2" });
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var stream = new WebhookNotifications.WebhookNotificationsClient(channel).Subscribe(new SubscribeRequest(), Producer);
        await stream.ResponseHeadersAsync;
        await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            format = "standard-webhooks", // silent on disabling: the deployment's threshold applies
            events = new[] { "link.clicked" },
            retrySchedule = Array.Empty<int>(),
        });
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_nf_1"));
        Assert.Equal(WebhookStatus.Failing, (await NextAsync(stream)).Status);
        await publisher.PublishAsync(TestEvents.Create("evt_nf_2"));
        var disabled = await NextAsync(stream);

        Assert.Equal(WebhookStatus.Disabled, disabled.Status);
        Assert.Contains("2 consecutive", disabled.Reason);
    }

    [Fact]
    public async Task Subscribing_needs_a_producer_key()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var stream = new WebhookNotifications.WebhookNotificationsClient(channel).Subscribe(new SubscribeRequest());

        var ex = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    private static async Task<WebhookNotification> NextAsync(AsyncServerStreamingCall<WebhookNotification> call)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the notification stream ended");
        return call.ResponseStream.Current;
    }
}
