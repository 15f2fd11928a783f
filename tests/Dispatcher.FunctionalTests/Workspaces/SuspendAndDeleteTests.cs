using System.Net;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Workspaces;

/// <summary>
/// Suspend: ingest refused, the workspace's keys read-only, queued deliveries held (not lost) until
/// resume. Delete: keys revoked, webhooks deleted with their queues, ingest refused.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class SuspendAndDeleteTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string Workspace = "ws_runtime";

    [Fact]
    public async Task A_suspended_workspace_refuses_ingest_and_writes_and_holds_its_queued_deliveries_until_resumed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 500 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings(), time: clock);
        var admin = server.Operator();
        await admin.CreateWorkspaceAsync(Workspace);
        var (_, write) = await admin.IssueKeyAsync(Workspace, "write");
        var (_, publish) = await admin.IssueKeyAsync(Workspace, "publish");
        var webhook = await server.Api(write).CreateWebhookAsync(receiver.Url(), "link.clicked");
        Assert.Equal(AckStatus.Accepted, (await RawPublish.OneAsync(server.Grpc, publish, TestEvents.Create("evt_queued", workspace: Workspace))).Status);
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("RetryScheduled");

        var (suspended, state) = await admin.SendJsonAsync(HttpMethod.Post, $"/v1/admin/workspaces/{Workspace}/suspend");

        Assert.Equal((HttpStatusCode.OK, "suspended"), (suspended, state.GetProperty("state").GetString()));
        // Ingest: the workspace's own key is refused with a status, any other key per event.
        var refused = await RawPublish.RefusedAsync(server.Grpc, publish, TestEvents.Create("evt_refused", workspace: Workspace));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("suspended", refused.Detail);
        var platform = await RawPublish.OneAsync(server.Grpc, DispatcherTestServer.ProducerKey, TestEvents.Create("evt_platform", workspace: Workspace));
        Assert.Equal((AckStatus.Rejected, RejectReason.WorkspaceNotAllowed), (platform.Status, platform.Reason));
        Assert.Contains("suspended", platform.Message);
        Assert.DoesNotContain(await redis.KeysAsync(server.Prefix), k => k.Contains("evt_platform", StringComparison.Ordinal) || k.Contains("evt_refused", StringComparison.Ordinal));
        // The customer API: reads work, writes are refused.
        Assert.Equal(HttpStatusCode.OK, (await server.Api(write).SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}")).Status);
        var (disable, error) = await server.Api(write).SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable");
        Assert.Equal((HttpStatusCode.Forbidden, "WORKSPACE_SUSPENDED"), (disable, error.ErrorCode()));
        // The retry falls due while suspended: held in Redis, not sent, not dropped.
        clock.Advance(TimeSpan.FromSeconds(67));
        await server.Logs.WaitForAsync("WorkspaceDeliveryHeld");
        Assert.Single(receiver.All);
        Assert.Equal(1, await redis.Db.HashLengthAsync(server.PartitionKey(webhook.Id, "qr")));

        var (resumed, active) = await admin.SendJsonAsync(HttpMethod.Post, $"/v1/admin/workspaces/{Workspace}/resume");
        Assert.Equal((HttpStatusCode.OK, "active"), (resumed, active.GetProperty("state").GetString()));
        clock.Advance(TimeSpan.FromSeconds(3));
        var sent = await receiver.NextAsync();
        Assert.Contains("evt_queued", sent.BodyText);
        Assert.Equal(AckStatus.Accepted, (await RawPublish.OneAsync(server.Grpc, publish, TestEvents.Create("evt_after", workspace: Workspace))).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.Api(write).SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable")).Status);
    }

    [Fact]
    public async Task Deleting_a_workspace_revokes_its_keys_deletes_its_webhooks_with_their_queues_and_refuses_its_ingest()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var admin = server.Operator();
        await admin.CreateWorkspaceAsync(Workspace, ownerEmail: "gone@example.com");
        var (_, write) = await admin.IssueKeyAsync(Workspace, "write");
        var (_, publish) = await admin.IssueKeyAsync(Workspace, "publish");
        var webhook = await server.Api(write).CreateWebhookAsync(receiver.Url(), "link.clicked");
        await RawPublish.OneAsync(server.Grpc, publish, TestEvents.Create("evt_pending", workspace: Workspace));
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("RetryScheduled");
        Assert.Equal(1, await redis.Db.HashLengthAsync(server.PartitionKey(webhook.Id, "qr")));
        // A status change leaves an entry (naming the endpoint) in the workspace's notification log.
        Assert.Equal(HttpStatusCode.OK, (await server.Api(write).SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable")).Status);
        var notes = $"{server.Prefix}:{{ws:{Workspace}}}:notes";
        Assert.True(await redis.Db.KeyExistsAsync(notes));

        var (deleted, body) = await admin.SendJsonAsync(HttpMethod.Delete, $"/v1/admin/workspaces/{Workspace}");

        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal((1, 2), (body.GetProperty("webhooksDeleted").GetInt32(), body.GetProperty("keysRevoked").GetInt32()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api(write).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
        Assert.Equal(StatusCode.Unauthenticated, (await RawPublish.RefusedAsync(server.Grpc, publish, TestEvents.Create("evt_late", workspace: Workspace))).StatusCode);
        var platform = await RawPublish.OneAsync(server.Grpc, DispatcherTestServer.ProducerKey, TestEvents.Create("evt_late", workspace: Workspace));
        Assert.Equal(AckStatus.Rejected, platform.Status);
        Assert.Contains("deleted", platform.Message);
        Assert.False(await redis.Db.KeyExistsAsync(notes));
        var keys = await redis.KeysAsync(server.Prefix);
        Assert.DoesNotContain(keys, k => k.EndsWith(webhook.Id, StringComparison.Ordinal) && !k.Contains(":hold:", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendJsonAsync(HttpMethod.Get, $"/v1/admin/workspaces/{Workspace}")).Status);
        var (_, list) = await admin.SendJsonAsync(HttpMethod.Get, "/v1/admin/workspaces");
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), w => w.GetProperty("id").GetString() == Workspace);

        // The id may be used again, starting empty.
        await admin.CreateWorkspaceAsync(Workspace);
        var (_, fresh) = await admin.IssueKeyAsync(Workspace, "read");
        var (_, webhooks) = await server.Api(fresh).SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Empty(webhooks.GetProperty("data").EnumerateArray());
    }
}
