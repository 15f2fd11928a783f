using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Commands;

/// <summary><c>dispatcher trigger</c> with a producer key scoped to one workspace, through the real process.</summary>
[Collection(CliRedisCollection.Name)]
public sealed class ScopedTriggerTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Trigger_with_a_scoped_key_publishes_to_its_workspace_and_is_refused_for_another()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, ScopedProducerKey.Settings());
        await using var receiver = await TestReceiver.StartAsync();
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        var env = CliServer.Environment(server);
        env["DISPATCHER_PRODUCER_KEY"] = ScopedProducerKey.Key;

        var own = await CliProcess.RunAsync(env, output, "trigger", "link.clicked", "--id", "evt_cli_scoped");
        var foreign = await CliProcess.RunAsync(env, output, "trigger", "link.clicked", "--id", "evt_cli_foreign",
            "--workspace", DispatcherTestServer.OtherWorkspace);

        Assert.True(own.ExitCode == 0, own.ToString());
        Assert.Equal($"accepted evt_cli_scoped link.clicked (workspace {DispatcherTestServer.Workspace})", own.Stdout.Trim());
        Assert.Contains("evt_cli_scoped", (await receiver.NextAsync()).BodyText);
        Assert.True(foreign.ExitCode != 0, foreign.ToString());
        Assert.StartsWith("rejected evt_cli_foreign link.clicked: WorkspaceNotAllowed", foreign.Stdout.Trim());
    }
}
