using System.Net;
using Dispatcher.Client.Notifications;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Notifications;

/// <summary>
/// Status changes are kept in the workspace's notification log, and the producers' stream resumes
/// from a cursor: a subscriber that goes away and comes back misses nothing and sees nothing twice.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class NotificationResumeTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_subscriber_that_restarts_resumes_from_its_cursor_missing_nothing_and_seeing_nothing_twice()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        var options = new SubscriberOptions { Address = server.Grpc, ProducerKey = DispatcherTestServer.ProducerKey, Workspaces = [DispatcherTestServer.Workspace] };

        // The first subscriber sees one change, saves its cursor and goes away.
        string saved;
        using (var first = new NotificationSubscriber(options))
        {
            await first.StartAsync();
            await ChangeAsync(api, webhook.Id, "disable");
            var seen = await TakeAsync(first, 1);
            Assert.Equal(("webhook.disabled", 1L), (seen[0].Type, seen[0].Sequence));
            saved = first.Cursor!;
        }
        // While nobody listens.
        await ChangeAsync(api, webhook.Id, "enable");
        await ChangeAsync(api, webhook.Id, "disable");

        using var resumed = new NotificationSubscriber(new SubscriberOptions
        {
            Address = server.Grpc, ProducerKey = DispatcherTestServer.ProducerKey, Workspaces = [DispatcherTestServer.Workspace], Cursor = saved,
        });
        using var stop = new CancellationTokenSource(Timeout);
        await using var reader = resumed.ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var backlog = new[] { await NextAsync(reader), await NextAsync(reader) };
        // Then live, on the same stream.
        await ChangeAsync(api, webhook.Id, "enable");
        var live = await NextAsync(reader);

        Assert.Equal([2L, 3L, 4L], backlog.Append(live).Select(n => n.Sequence));
        Assert.Equal(["webhook.enabled", "webhook.disabled", "webhook.enabled"], backlog.Append(live).Select(n => n.Type));
        Assert.All(backlog.Append(live), n => Assert.Equal(webhook.Id, n.WebhookId));
        Assert.Equal(WebhookStatus.Disabled, backlog[1].Status);
        Assert.Equal("disabled through the API", backlog[1].Reason);
        Assert.Equal(live.Cursor, resumed.Cursor);
    }

    [Fact]
    public async Task A_stream_without_a_cursor_starts_from_now_and_says_where()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await ChangeAsync(api, webhook.Id, "disable");
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = new WebhookNotifications.WebhookNotificationsClient(channel).Subscribe(new SubscribeRequest(), Producer);

        string? start = (await call.ResponseHeadersAsync).GetValue(NotificationSubscriber.CursorHeader);
        await ChangeAsync(api, webhook.Id, "enable");
        using var timeout = new CancellationTokenSource(Timeout);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));

        Assert.False(string.IsNullOrEmpty(start));
        // The disable from before the stream opened is not replayed: the first thing heard is the enable.
        Assert.Equal(("webhook.enabled", 2L), (call.ResponseStream.Current.Type, call.ResponseStream.Current.Sequence));
    }

    [Fact]
    public async Task A_scoped_key_resuming_with_a_cursor_that_names_another_workspace_still_hears_only_its_own()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, ScopedProducerKey.Settings());
        var mine = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        var foreign = await server.Api(DispatcherTestServer.OtherApiKey).CreateWebhookAsync(receiver.Url(), "link.clicked");
        await ChangeAsync(server.Api(DispatcherTestServer.OtherApiKey), foreign.Id, "disable");
        await ChangeAsync(server.Api(), mine.Id, "disable");
        // A cursor from the unscoped key, at the start of both workspaces' logs.
        using var all = new NotificationSubscriber(new SubscriberOptions { Address = server.Grpc, ProducerKey = DispatcherTestServer.ProducerKey });
        string before = await all.StartAsync();
        await ChangeAsync(server.Api(DispatcherTestServer.OtherApiKey), foreign.Id, "enable");
        await ChangeAsync(server.Api(), mine.Id, "enable");

        using var scoped = new NotificationSubscriber(new SubscriberOptions { Address = server.Grpc, ProducerKey = ScopedProducerKey.Key, Cursor = before });
        using var stop = new CancellationTokenSource(Timeout);
        await using var reader = scoped.ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var first = await NextAsync(reader);
        // Had the foreign change leaked, it would come before this one: the backlog is sent before anything live.
        await ChangeAsync(server.Api(), mine.Id, "disable");
        var second = await NextAsync(reader);
        using var unscoped = new NotificationSubscriber(new SubscriberOptions { Address = server.Grpc, ProducerKey = DispatcherTestServer.ProducerKey, Cursor = before });
        var everything = await TakeAsync(unscoped, 3);

        Assert.Equal([(mine.Id, "webhook.enabled"), (mine.Id, "webhook.disabled")], [(first.WebhookId, first.Type), (second.WebhookId, second.Type)]);
        // The same cursor with the unscoped key: every change after it, in both workspaces.
        Assert.Equal([DispatcherTestServer.Workspace, DispatcherTestServer.Workspace, DispatcherTestServer.OtherWorkspace],
            everything.Select(n => n.WorkspaceId).Order());
    }

    [Fact]
    public async Task A_cursor_the_server_did_not_hand_out_is_refused()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        using var call = new WebhookNotifications.WebhookNotificationsClient(channel).Subscribe(new SubscribeRequest { Cursor = "not-a-cursor!" }, Producer);

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }

    [Fact]
    public async Task Producers_may_not_publish_the_notification_event_types()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var publisher = server.Publisher();

        var result = await publisher.PublishAsync(TestEvents.Create("evt_fake_disable", type: "webhook.disabled"));

        Assert.Equal(Dispatcher.Client.Publishing.PublishStatus.Rejected, result.Status);
        Assert.Contains("sent by Dispatcher itself", result.Message);
    }

    private static readonly Metadata Producer = new() { { "authorization", "Bearer " + DispatcherTestServer.ProducerKey } };

    private static async Task ChangeAsync(HttpClient api, string webhookId, string action) =>
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhookId}/{action}")).Status);

    private static async Task<List<WebhookNotification>> TakeAsync(NotificationSubscriber subscriber, int count)
    {
        using var stop = new CancellationTokenSource(Timeout);
        var taken = new List<WebhookNotification>();
        await foreach (var notification in subscriber.ReadAllAsync(stop.Token))
        {
            taken.Add(notification);
            if (taken.Count == count)
            {
                break;
            }
        }
        return taken;
    }

    private static async Task<WebhookNotification> NextAsync(IAsyncEnumerator<WebhookNotification> reader)
    {
        Assert.True(await reader.MoveNextAsync(), "the notification stream ended");
        return reader.Current;
    }
}
