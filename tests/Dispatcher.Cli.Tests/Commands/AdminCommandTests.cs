using System.Net;
using System.Text.Json;
using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Commands;

/// <summary><c>dispatcher admin workspaces|keys …</c> through the real process against a real server.</summary>
[Collection(CliRedisCollection.Name)]
public sealed class AdminCommandTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task An_operator_manages_a_workspace_and_its_keys_from_the_command_line()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var env = Environment(server);
        var seen = new List<CliResult>();
        async Task<CliResult> Run(params string[] args)
        {
            var result = await CliProcess.RunAsync(env, output, ["admin", .. args]);
            seen.Add(result);
            Assert.True(result.ExitCode == 0, result.ToString());
            return result;
        }

        Assert.Equal("created ws_cli", (await Run("workspaces", "create", "ws_cli", "--owner-email", "ops@example.com", "--max-webhooks", "2")).Stdout.Split('\n')[0]);
        var list = await Run("workspaces", "list");
        Assert.Contains(list.Stdout.Split('\n'), l => l.StartsWith("ws_cli", StringComparison.Ordinal) && l.Contains("active") && l.Contains("runtime") && l.Contains("ops@example.com"));
        Assert.Contains(list.Stdout.Split('\n'), l => l.StartsWith(DispatcherTestServer.Workspace, StringComparison.Ordinal) && l.Contains("configuration"));

        var issued = await Run("keys", "issue", "--workspace", "ws_cli", "--scope", "write");
        string key = issued.Stdout.Split('\n').Single(l => l.StartsWith("key: ", StringComparison.Ordinal))[5..];
        string keyId = issued.Stdout.Split(' ')[1];
        Assert.Equal(HttpStatusCode.OK, (await server.Api(key).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
        var keys = await Run("keys", "list", "--workspace", "ws_cli");
        Assert.Contains(keys.Stdout.Split('\n'), l => l.StartsWith(keyId, StringComparison.Ordinal) && l.Contains("write"));
        Assert.DoesNotContain(key, keys.Stdout);

        var rotated = await Run("keys", "rotate", keyId, "--workspace", "ws_cli", "--overlap", "0", "--json");
        using (var json = JsonDocument.Parse(rotated.Stdout))
        {
            string newKey = json.RootElement.GetProperty("key").GetProperty("key").GetString()!;
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api(key).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
            Assert.Equal(HttpStatusCode.OK, (await server.Api(newKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
            string newId = json.RootElement.GetProperty("key").GetProperty("id").GetString()!;

            Assert.Equal("suspended ws_cli", (await Run("workspaces", "suspend", "ws_cli")).Stdout.Split('\n')[0]);
            using (var got = JsonDocument.Parse((await Run("workspaces", "get", "ws_cli", "--json")).Stdout))
            {
                Assert.Equal("suspended", got.RootElement.GetProperty("state").GetString());
            }
            Assert.Equal("resumed ws_cli", (await Run("workspaces", "resume", "ws_cli")).Stdout.Split('\n')[0]);

            Assert.Equal($"revoked {newId}", (await Run("keys", "revoke", newId, "--workspace", "ws_cli")).Stdout.Trim());
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.Api(newKey).SendJsonAsync(HttpMethod.Get, "/v1/webhooks")).Status);
        }
        await Run("keys", "issue", "--workspace", "ws_cli", "--scope", "read");
        Assert.Equal("deleted ws_cli: 0 webhooks deleted, 1 keys revoked", (await Run("workspaces", "delete", "ws_cli")).Stdout.Trim());

        var missing = await CliProcess.RunAsync(env, output, "admin", "workspaces", "get", "ws_cli");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("404 NOT_FOUND", missing.Stderr);
        Assert.All(seen.Append(missing), r => Assert.DoesNotContain(OperatorApi.Key, r.Stdout + r.Stderr));
    }

    [Fact]
    public async Task Without_a_usable_operator_key_admin_commands_exit_2_or_3_and_say_what_to_set()
    {
        await using var off = await DispatcherTestServer.StartAsync(redis, output);
        var noKey = CliServer.Environment(off);

        var usage = await CliProcess.RunAsync(noKey, output, "admin", "workspaces", "list");
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("no operator key: pass --operator-key or set DISPATCHER_OPERATOR_KEY", usage.Stderr);

        // The API key is not an operator key; and a server without operator keys says how to turn them on.
        var notOperator = await CliProcess.RunAsync(noKey, output, "admin", "workspaces", "list", "--operator-key", DispatcherTestServer.ApiKey);
        Assert.Equal(3, notOperator.ExitCode);
        Assert.Contains("refused the operator key (401", notOperator.Stderr);
        Assert.Contains("Dispatcher:OperatorKeys", notOperator.Stderr);
        Assert.DoesNotContain(DispatcherTestServer.ApiKey, notOperator.Stderr + notOperator.Stdout);
    }

    [Fact]
    public async Task An_operator_mints_a_portal_link_that_opens_the_workspace_dashboard_once()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());

        var minted = await CliProcess.RunAsync(Environment(server), output, "admin", "portal-link", DispatcherTestServer.Workspace, "--scope", "read", "--ttl", "120");

        Assert.True(minted.ExitCode == 0, minted.ToString());
        string url = minted.Stdout.Trim();
        Assert.StartsWith(new Uri(server.Http, "/dashboard/portal?token=").ToString(), url);
        Assert.Contains($"read access to workspace {DispatcherTestServer.Workspace}; works once", minted.Stderr);
        using var browser = new HttpClient();
        string page = await browser.GetStringAsync(url);
        Assert.Contains($"Sign in to {DispatcherTestServer.Workspace}", page);

        var tooLong = await CliProcess.RunAsync(Environment(server), output, "admin", "portal-link", DispatcherTestServer.Workspace, "--ttl", "99999");
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("INVALID_TTL", tooLong.Stderr);
    }

    private static Dictionary<string, string> Environment(DispatcherTestServer server)
    {
        var env = CliServer.Environment(server);
        env["DISPATCHER_OPERATOR_KEY"] = OperatorApi.Key;
        return env;
    }
}
