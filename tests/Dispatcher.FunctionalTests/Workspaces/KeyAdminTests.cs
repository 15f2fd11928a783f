using System.Net;
using Dispatcher.FunctionalTests.Api;
using Dispatcher.Server.Workspaces;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Workspaces;

/// <summary>Runtime keys: shown once, kept as a hash, rotated with an overlap, revoked at once.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class KeyAdminTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task An_issued_key_is_shown_once_and_redis_keeps_only_its_hash()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var admin = server.Operator();
        await admin.CreateWorkspaceAsync("ws_keys");

        var (id, key) = await admin.IssueKeyAsync("ws_keys", "write");

        Assert.StartsWith("dsk_", key);
        var (_, list) = await admin.SendJsonAsync(HttpMethod.Get, "/v1/admin/workspaces/ws_keys/keys");
        var listed = Assert.Single(list.GetProperty("data").EnumerateArray());
        Assert.Equal((id, "write"), (listed.GetProperty("id").GetString(), listed.GetProperty("scope").GetString()));
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.DoesNotContain(key, list.GetRawText());
        // Nowhere in Redis: not in a key name, not in a value; its SHA-256 is what the directory holds.
        string dump = string.Join('\n', (await RedisDump.AllAsync(redis, server.Prefix)).Select(e => $"{e.Key} {e.Value}"));
        Assert.DoesNotContain(key, dump);
        Assert.Contains(KeyHash.Of(key), dump);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains(key, StringComparison.Ordinal));

        var (unknownScope, error) = await admin.SendJsonAsync(HttpMethod.Post, "/v1/admin/workspaces/ws_keys/keys", new { scope = "admin" });
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_SCOPE"), (unknownScope, error.ErrorCode()));
        var (noWorkspace, _) = await admin.SendJsonAsync(HttpMethod.Post, "/v1/admin/workspaces/ws_nope/keys", new { scope = "read" });
        Assert.Equal(HttpStatusCode.NotFound, noWorkspace);
        // Configured workspaces may have runtime keys too.
        var (_, readA) = await admin.IssueKeyAsync(DispatcherTestServer.Workspace, "read");
        Assert.Equal(HttpStatusCode.OK, (await server.Api(readA).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
    }

    [Fact]
    public async Task A_rotated_key_keeps_working_until_its_overlap_ends_and_a_revoked_key_stops_at_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings(), time: clock);
        var admin = server.Operator();
        await admin.CreateWorkspaceAsync("ws_rotate");
        var (oldId, oldKey) = await admin.IssueKeyAsync("ws_rotate", "write");

        var (rotated, body) = await admin.SendJsonAsync(HttpMethod.Post, $"/v1/admin/workspaces/ws_rotate/keys/{oldId}/rotate", new { overlapSeconds = 60 });

        Assert.Equal(HttpStatusCode.OK, rotated);
        string newKey = body.GetProperty("key").GetProperty("key").GetString()!;
        string newId = body.GetProperty("key").GetProperty("id").GetString()!;
        Assert.Equal(clock.GetUtcNow().AddSeconds(60), body.GetProperty("previous").GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(newId, body.GetProperty("previous").GetProperty("replacedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, (await server.Api(oldKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.Api(newKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
        var (again, error) = await admin.SendJsonAsync(HttpMethod.Post, $"/v1/admin/workspaces/ws_rotate/keys/{oldId}/rotate", new { });
        Assert.Equal((HttpStatusCode.Conflict, "KEY_ALREADY_ROTATED"), (again, error.ErrorCode()));

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.OK, (await server.Api(oldKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api(oldKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.Api(newKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);

        var (badOverlap, overlapError) = await admin.SendJsonAsync(HttpMethod.Post, $"/v1/admin/workspaces/ws_rotate/keys/{newId}/rotate", new { overlapSeconds = -1 });
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_OVERLAP"), (badOverlap, overlapError.ErrorCode()));
        var (wrongWorkspace, _) = await admin.SendJsonAsync(HttpMethod.Delete, $"/v1/admin/workspaces/{DispatcherTestServer.Workspace}/keys/{newId}");
        Assert.Equal(HttpStatusCode.NotFound, wrongWorkspace);
        Assert.Equal(HttpStatusCode.OK, (await server.Api(newKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);

        var (revoked, _) = await admin.SendJsonAsync(HttpMethod.Delete, $"/v1/admin/workspaces/ws_rotate/keys/{newId}");
        Assert.Equal(HttpStatusCode.NoContent, revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api(newKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
        var (_, list) = await admin.SendJsonAsync(HttpMethod.Get, "/v1/admin/workspaces/ws_rotate/keys");
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), k => k.GetProperty("id").GetString() == newId);
    }
}
