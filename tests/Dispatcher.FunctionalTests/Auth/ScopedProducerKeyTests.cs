using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Dispatcher.FunctionalTests.Auth;

/// <summary>
/// A producer key configured as <c>{ Key, Workspaces }</c> publishes to and hears about only its
/// workspaces; the bare-string form stays a key for every workspace.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class ScopedProducerKeyTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_scoped_key_is_refused_per_event_for_a_foreign_workspace_and_accepted_for_its_own_in_one_request()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, ScopedProducerKey.Settings());
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        var client = new EventIngest.EventIngestClient(channel);
        using var scoped = client.Publish(Bearer(ScopedProducerKey.Key));
        var request = new PublishRequest();
        request.Events.Add(TestEvents.Create("evt_own"));
        request.Events.Add(TestEvents.Create("evt_foreign", workspace: DispatcherTestServer.OtherWorkspace));

        await scoped.RequestStream.WriteAsync(request);
        var acks = await NextAsync(scoped);

        Assert.Equal(AckStatus.Accepted, acks[0].Status);
        Assert.Equal((AckStatus.Rejected, RejectReason.WorkspaceNotAllowed), (acks[1].Status, acks[1].Reason));
        Assert.Contains(DispatcherTestServer.OtherWorkspace, acks[1].Message);
        var keys = await redis.KeysAsync(server.Prefix);
        Assert.Contains(server.HomeKey(DispatcherTestServer.Workspace, "evt_own"), keys);
        Assert.DoesNotContain(keys, k => k.Contains("evt_foreign"));

        // The string-form key still reaches every workspace.
        using var all = client.Publish(Bearer(DispatcherTestServer.ProducerKey));
        var other = new PublishRequest();
        other.Events.Add(TestEvents.Create("evt_foreign", workspace: DispatcherTestServer.OtherWorkspace));
        await all.RequestStream.WriteAsync(other);
        Assert.Equal(AckStatus.Accepted, Assert.Single(await NextAsync(all)).Status);
    }

    [Fact]
    public async Task The_notification_stream_of_a_scoped_key_never_shows_another_workspaces_change()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(410);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, ScopedProducerKey.Settings());
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        var client = new WebhookNotifications.WebhookNotificationsClient(channel);
        using var everything = client.Subscribe(new SubscribeRequest(), Bearer(DispatcherTestServer.ProducerKey));
        using var scoped = client.Subscribe(new SubscribeRequest(), Bearer(ScopedProducerKey.Key));
        await everything.ResponseHeadersAsync;
        await scoped.ResponseHeadersAsync;
        var webhookA = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        var webhookB = await server.Api(DispatcherTestServer.OtherApiKey).CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        // B's webhook is disabled first: the scoped stream must skip it and show A's next.
        await publisher.PublishAsync(TestEvents.Create("evt_gone_b", workspace: DispatcherTestServer.OtherWorkspace));
        Assert.Equal(webhookB.Id, (await NextAsync(everything)).WebhookId);
        await publisher.PublishAsync(TestEvents.Create("evt_gone_a"));
        Assert.Equal(webhookA.Id, (await NextAsync(everything)).WebhookId);

        var seen = await NextAsync(scoped);
        Assert.Equal((webhookA.Id, DispatcherTestServer.Workspace), (seen.WebhookId, seen.WorkspaceId));
    }

    [Fact]
    public async Task A_scoped_key_asking_for_a_foreign_workspaces_notifications_is_denied()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, ScopedProducerKey.Settings());
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        var request = new SubscribeRequest();
        request.WorkspaceIds.Add(DispatcherTestServer.OtherWorkspace);
        using var stream = new WebhookNotifications.WebhookNotificationsClient(channel).Subscribe(request, Bearer(ScopedProducerKey.Key));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var ex = await Assert.ThrowsAsync<RpcException>(() => stream.ResponseStream.MoveNext(timeout.Token));

        // Not Cancelled: the server must refuse at once, not leave the stream open.
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Contains(DispatcherTestServer.OtherWorkspace, ex.Status.Detail);
    }

    [Theory]
    [InlineData("Dispatcher:ProducerKeys:1:Key", "Dispatcher:ProducerKeys:1:Workspaces is empty")]
    [InlineData("Dispatcher:ProducerKeys:1:Workspaces:0", "Dispatcher:ProducerKeys:1:Workspaces: 'ws with space'")]
    public async Task A_scoped_key_without_valid_workspaces_stops_start_up_with_a_clear_line(string setting, string expected)
    {
        var settings = new Dictionary<string, string?> { ["Dispatcher:ProducerKeys:1:Key"] = ScopedProducerKey.Key };
        settings[setting] = setting.EndsWith(":Key", StringComparison.Ordinal) ? ScopedProducerKey.Key : "ws with space";

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => DispatcherTestServer.StartAsync(redis, output, settings));

        Assert.Contains(ex.Failures, f => f.StartsWith(expected, StringComparison.Ordinal));
    }

    private static Metadata Bearer(string key) => new() { { "authorization", "Bearer " + key } };

    private static async Task<Google.Protobuf.Collections.RepeatedField<EventAck>> NextAsync(AsyncDuplexStreamingCall<PublishRequest, PublishResponse> call)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the server ended the stream instead of answering");
        return call.ResponseStream.Current.Acks;
    }

    private static async Task<WebhookNotification> NextAsync(AsyncServerStreamingCall<WebhookNotification> call)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the notification stream ended");
        return call.ResponseStream.Current;
    }
}
