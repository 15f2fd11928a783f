using System.Net;
using Dispatcher.Protocol.V1;
using Dispatcher.Server.Workspaces;
using Dispatcher.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Workspaces;

/// <summary>Workspaces created, shown, limited and refused through the operator API, on one server.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class WorkspaceAdminTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_created_workspace_is_listed_beside_the_configured_ones_and_shown_by_id()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings(new Dictionary<string, string?>
        {
            ["Dispatcher:Workspaces:ws_a:OwnerEmail"] = "a@example.com",
        }));
        var admin = server.Operator();

        var (created, body) = await admin.SendJsonAsync(HttpMethod.Post, "/v1/admin/workspaces", new { id = "ws_new", ownerEmail = "owner@example.com", maxWebhooks = 3 });

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(("ws_new", "runtime", "active", "owner@example.com", 3),
            (body.GetProperty("id").GetString(), body.GetProperty("source").GetString(), body.GetProperty("state").GetString(),
             body.GetProperty("ownerEmail").GetString(), body.GetProperty("maxWebhooks").GetInt32()));
        var (_, list) = await admin.SendJsonAsync(HttpMethod.Get, "/v1/admin/workspaces");
        var ids = list.GetProperty("data").EnumerateArray().Select(w => (w.GetProperty("id").GetString(), w.GetProperty("source").GetString())).ToList();
        Assert.Equal([("ws_a", "configuration"), ("ws_b", "configuration"), ("ws_new", "runtime")], ids);
        var (got, one) = await admin.SendJsonAsync(HttpMethod.Get, "/v1/admin/workspaces/ws_new");
        Assert.Equal((HttpStatusCode.OK, 3), (got, one.GetProperty("maxWebhooks").GetInt32()));
        var (missing, _) = await admin.SendJsonAsync(HttpMethod.Get, "/v1/admin/workspaces/ws_nope");
        Assert.Equal(HttpStatusCode.NotFound, missing);

        // Owner notifications read runtime workspaces first, then configuration.
        var owners = server.Services.GetRequiredService<IWorkspaceOwners>();
        Assert.Equal("owner@example.com", await owners.OwnerEmailAsync("ws_new", default));
        Assert.Equal("a@example.com", await owners.OwnerEmailAsync("ws_a", default));
        Assert.Null(await owners.OwnerEmailAsync("ws_nope", default));
    }

    [Fact]
    public async Task Bad_or_conflicting_workspaces_are_refused_with_a_clear_error_and_nothing_is_stored()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var admin = server.Operator();
        await admin.CreateWorkspaceAsync("ws_taken");

        var cases = new (object Body, HttpStatusCode Status, string Code)[]
        {
            (new { id = "has space" }, HttpStatusCode.BadRequest, "INVALID_WORKSPACE"),
            (new { ownerEmail = "x@example.com" }, HttpStatusCode.BadRequest, "INVALID_WORKSPACE"),
            (new { id = "ws_mail", ownerEmail = "not an address" }, HttpStatusCode.BadRequest, "INVALID_WORKSPACE"),
            (new { id = "ws_zero", maxWebhooks = 0 }, HttpStatusCode.BadRequest, "INVALID_WORKSPACE"),
            ("{not json", HttpStatusCode.BadRequest, "INVALID_JSON"),
            (new { id = "ws_taken" }, HttpStatusCode.Conflict, "WORKSPACE_EXISTS"),
            (new { id = DispatcherTestServer.Workspace }, HttpStatusCode.Conflict, "WORKSPACE_EXISTS"),
        };
        long version = (long)await redis.Db.StringGetAsync($"{server.Prefix}:{{dir}}:ver");
        foreach (var (body, status, code) in cases)
        {
            var (answered, error) = await admin.SendJsonAsync(HttpMethod.Post, "/v1/admin/workspaces", body);
            Assert.Equal((status, code), (answered, error.ErrorCode()));
        }
        Assert.Equal(version, (long)await redis.Db.StringGetAsync($"{server.Prefix}:{{dir}}:ver"));
        Assert.Equal(1, await redis.Db.HashLengthAsync($"{server.Prefix}:{{dir}}:workspaces"));

        // Configured workspaces are managed in configuration.
        foreach (var (method, path) in new[] { (HttpMethod.Delete, "/v1/admin/workspaces/ws_a"), (HttpMethod.Post, "/v1/admin/workspaces/ws_a/suspend") })
        {
            var (answered, error) = await admin.SendJsonAsync(method, path);
            Assert.Equal((HttpStatusCode.Conflict, "CONFIGURED_WORKSPACE"), (answered, error.ErrorCode()));
        }
        var (stillThere, _) = await server.Api().SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Equal(HttpStatusCode.OK, stillThere);
    }

    [Fact]
    public async Task The_plans_endpoint_count_is_enforced_when_a_webhook_is_created()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var admin = server.Operator();
        await admin.CreateWorkspaceAsync("ws_small", maxWebhooks: 1);
        var (_, key) = await admin.IssueKeyAsync("ws_small", "write");
        var api = server.Api(key);

        await api.CreateWebhookAsync(new Uri("http://127.0.0.1:9/one"), "link.clicked");
        var (status, error) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "http://127.0.0.1:9/two", events = new[] { "link.clicked" }, secret = "auto" });

        Assert.Equal((HttpStatusCode.Conflict, "WEBHOOK_LIMIT_REACHED"), (status, error.ErrorCode()));
        Assert.Contains("limit of 1 webhooks", error.GetProperty("error").GetProperty("message").GetString());
        var (_, list) = await api.SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Single(list.GetProperty("data").EnumerateArray());
        // The configured workspaces keep the deployment's limit.
        await server.Api().CreateWebhookAsync(new Uri("http://127.0.0.1:9/one"), "link.clicked");
        await server.Api().CreateWebhookAsync(new Uri("http://127.0.0.1:9/two"), "link.clicked");
    }

    [Fact]
    public async Task Each_scope_does_what_it_says_and_nothing_more()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var admin = server.Operator();
        await admin.CreateWorkspaceAsync("ws_scoped");
        var (_, read) = await admin.IssueKeyAsync("ws_scoped", "read");
        var (_, write) = await admin.IssueKeyAsync("ws_scoped", "write");
        var (_, publish) = await admin.IssueKeyAsync("ws_scoped", "publish");
        var webhook = await server.Api(write).CreateWebhookAsync(new Uri("http://127.0.0.1:9/hook"), "link.clicked");

        // read: GETs only, a clear 403 otherwise, and nothing changes.
        var (listed, list) = await server.Api(read).SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(webhook.Id, Assert.Single(list.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        foreach (var (method, path) in new[] { (HttpMethod.Post, "/v1/webhooks"), (HttpMethod.Delete, $"/v1/webhooks/{webhook.Id}"), (HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/disable") })
        {
            var (status, error) = await server.Api(read).SendJsonAsync(method, path, method == HttpMethod.Post ? new { } : null);
            Assert.Equal((HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE"), (status, error.ErrorCode()));
            Assert.Contains("scope 'write'", error.GetProperty("error").GetProperty("message").GetString());
        }
        var (_, after) = await server.Api(write).SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal("enabled", after.GetProperty("status").GetString());

        // publish: gRPC ingest for its own workspace only; never the REST API.
        var (restWithPublish, _) = await server.Api(publish).SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Equal(HttpStatusCode.Unauthorized, restWithPublish);
        Assert.Equal(AckStatus.Accepted, (await RawPublish.OneAsync(server.Grpc, publish, TestEvents.Create("evt_own", workspace: "ws_scoped"))).Status);
        var foreign = await RawPublish.OneAsync(server.Grpc, publish, TestEvents.Create("evt_foreign", workspace: DispatcherTestServer.Workspace));
        Assert.Equal((AckStatus.Rejected, RejectReason.WorkspaceNotAllowed), (foreign.Status, foreign.Reason));

        // read and write keys are no producer keys.
        foreach (string key in new[] { read, write })
        {
            Assert.Equal(StatusCode.Unauthenticated, (await RawPublish.RefusedAsync(server.Grpc, key, TestEvents.Create("evt_x", workspace: "ws_scoped"))).StatusCode);
        }
        // A configured API key keeps doing everything (scope write).
        var (configured, _) = await server.Api().SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
            new { endpoint = "http://127.0.0.1:9/c", events = new[] { "link.clicked" }, secret = "auto" });
        Assert.Equal(HttpStatusCode.Created, configured);
    }
}
