using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Listen;

/// <summary><c>dispatcher listen</c> with runtime keys: scope <c>write</c> listens, <c>read</c> and a suspended workspace's keys are refused.</summary>
[Collection(ListenRedisCollection.Name)]
public sealed class ListenKeyScopeTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_write_key_listens_while_a_read_key_and_a_suspended_workspaces_key_exit_3_saying_why()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());
        var admin = server.Operator();
        await admin.CreateWorkspaceAsync("ws_listen");
        var (_, write) = await admin.IssueKeyAsync("ws_listen", "write");
        var (_, read) = await admin.IssueKeyAsync("ws_listen", "read");

        await using (var listen = CliProcess.Start(CliServer.Environment(server, write), output, "listen", "--forward-to", "http://127.0.0.1:9/hook"))
        {
            await listen.NextLineAsync(l => l.StartsWith("Ready: temporary webhook ", StringComparison.Ordinal));
            listen.Interrupt();
            Assert.Equal(0, (await listen.WaitForExitAsync()).ExitCode);
        }

        var readOnly = await CliProcess.RunAsync(CliServer.Environment(server, read), output, "listen", "--forward-to", "http://127.0.0.1:9/hook");
        Assert.Equal(3, readOnly.ExitCode);
        Assert.Contains("scope 'read'", readOnly.Stderr);

        await admin.SendJsonAsync(HttpMethod.Post, "/v1/admin/workspaces/ws_listen/suspend");
        var suspended = await CliProcess.RunAsync(CliServer.Environment(server, write), output, "listen", "--forward-to", "http://127.0.0.1:9/hook");
        Assert.Equal(3, suspended.ExitCode);
        Assert.Contains("workspace 'ws_listen' is suspended", suspended.Stderr);
        // Neither refusal created a webhook.
        var (_, webhooks) = await server.Api(read).SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Empty(webhooks.GetProperty("data").EnumerateArray());
    }
}
