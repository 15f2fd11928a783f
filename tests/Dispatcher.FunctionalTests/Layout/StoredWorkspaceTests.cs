using System.Net;
using Dispatcher.Client.Publishing;
using Dispatcher.Redis;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Dispatcher.FunctionalTests.Layout;

/// <summary>
/// A record is answered only to the workspace it names, whatever key it was found under: the key
/// is where we looked, the stored workspace is whose it is.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class StoredWorkspaceTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task An_event_body_naming_another_workspace_is_not_found()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_own"))).Status);
        await receiver.NextAsync();
        var keys = server.Services.GetRequiredService<RedisKeys>();
        int partition = server.PartitionOf(webhook.Id);
        // A body under ws_a's key that says it is ws_b's (as a layout-1 key shared by two workspaces could).
        await redis.Db.HashSetAsync(keys.EventBody(partition, DispatcherTestServer.Workspace, "evt_foreign"),
        [
            new HashEntry("id", "evt_foreign"), new HashEntry("ws", DispatcherTestServer.OtherWorkspace), new HashEntry("type", "link.clicked"),
            new HashEntry("created", 0), new HashEntry("data", "{}"),
        ]);

        var (own, _) = await server.Api().SendJsonAsync(HttpMethod.Get, "/v1/events/evt_own");
        var (foreign, _) = await server.Api().SendJsonAsync(HttpMethod.Get, "/v1/events/evt_foreign");

        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Equal(HttpStatusCode.NotFound, foreign);
    }

    [Fact]
    public async Task A_webhook_record_naming_another_workspace_is_not_found()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var theirs = await server.Api(DispatcherTestServer.OtherApiKey).CreateWebhookAsync(new Uri("https://b.example.com/h"), "link.clicked");
        var keys = server.Services.GetRequiredService<RedisKeys>();
        // ws_b's record copied under ws_a's key: its ws field still says ws_b.
        var fields = await redis.Db.HashGetAllAsync(keys.Webhook(DispatcherTestServer.OtherWorkspace, theirs.Id));
        await redis.Db.HashSetAsync(keys.Webhook(DispatcherTestServer.Workspace, theirs.Id), fields);
        await redis.Db.SetAddAsync(keys.WorkspaceWebhooks(DispatcherTestServer.Workspace), theirs.Id);

        var (get, _) = await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{theirs.Id}");
        var (list, body) = await server.Api().SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        var (owner, _) = await server.Api(DispatcherTestServer.OtherApiKey).SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{theirs.Id}");

        Assert.Equal(HttpStatusCode.NotFound, get);
        Assert.Equal(HttpStatusCode.OK, list);
        Assert.DoesNotContain(theirs.Id, body.ToString());
        Assert.Equal(HttpStatusCode.OK, owner);
    }

    [Fact]
    public async Task Event_ids_with_a_slash_or_a_percent_sign_are_fetched_percent_encoded()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("a/b"))).Status);
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("a%2Fb"))).Status);
        await receiver.NextAsync();
        await receiver.NextAsync();

        var (slash, slashBody) = await server.Api().SendJsonAsync(HttpMethod.Get, "/v1/events/a%2Fb");
        // The id that is literally "a%2Fb" is sent with its '%' encoded, and is another event.
        var (percent, percentBody) = await server.Api().SendJsonAsync(HttpMethod.Get, "/v1/events/a%252Fb");

        Assert.Equal(HttpStatusCode.OK, slash);
        Assert.Equal("a/b", slashBody.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.OK, percent);
        Assert.Equal("a%2Fb", percentBody.GetProperty("id").GetString());
    }
}
