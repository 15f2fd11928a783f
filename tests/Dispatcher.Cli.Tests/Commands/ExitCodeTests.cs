using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Commands;

/// <summary>The documented exit codes: 2 bad usage, 3 wrong key, 4 server unreachable; and login's config file.</summary>
[Collection(CliRedisCollection.Name)]
public sealed class ExitCodeTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_wrong_api_key_exits_3_with_a_line_saying_so_and_never_prints_the_key()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);

        var result = await CliProcess.RunAsync(CliServer.Environment(server, apiKey: "wrong_key_123"), output, "webhooks", "list");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("refused the API key (401", result.Stderr);
        Assert.DoesNotContain("wrong_key_123", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task A_wrong_producer_key_exits_3()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var env = CliServer.Environment(server);
        env["DISPATCHER_PRODUCER_KEY"] = "wrong_producer_key";

        var result = await CliProcess.RunAsync(env, output, "trigger", "link.clicked");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("refused the producer key", result.Stderr);
        Assert.DoesNotContain("wrong_producer_key", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task An_unreachable_server_exits_4()
    {
        int port = Ports.Free();
        var env = CliServer.Environment(new Uri($"http://127.0.0.1:{port}"), new Uri($"http://127.0.0.1:{port}"));

        var list = await CliProcess.RunAsync(env, output, "webhooks", "list");
        var trigger = await CliProcess.RunAsync(env, output, "trigger", "link.clicked", "--timeout", "2");

        Assert.Equal(4, list.ExitCode);
        Assert.Contains("cannot reach the server", list.Stderr);
        Assert.Equal(4, trigger.ExitCode);
        Assert.Contains("no answer from the gRPC server", trigger.Stderr);
    }

    [Theory]
    [InlineData("webhooks")]
    [InlineData("webhooks", "get")]
    [InlineData("webhooks", "list", "--no-such-flag")]
    [InlineData("trigger", "link.nope")]
    [InlineData("trigger", "link.clicked", "--data", "[1,2]")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        var env = CliServer.Environment(new Uri("http://127.0.0.1:1"), new Uri("http://127.0.0.1:1"));

        var result = await CliProcess.RunAsync(env, output, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("dispatcher: ", result.Stderr);
    }

    [Fact]
    public async Task Login_saves_the_keys_in_a_600_file_without_printing_them_and_later_commands_use_it()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        string config = Path.Combine(Path.GetTempPath(), $"dispatcher-login-{Guid.NewGuid():N}", "config.json");
        try
        {
            var login = await CliProcess.RunAsync(new Dictionary<string, string> { ["DISPATCHER_CONFIG"] = config }, output,
                "login", "--url", server.Http.ToString(), "--api-key", DispatcherTestServer.ApiKey, "--grpc-url", server.Grpc.ToString(),
                "--producer-key", DispatcherTestServer.ProducerKey, "--workspace", DispatcherTestServer.Workspace);

            Assert.True(login.ExitCode == 0, login.ToString());
            Assert.DoesNotContain(DispatcherTestServer.ApiKey, login.Stdout + login.Stderr);
            Assert.DoesNotContain(DispatcherTestServer.ProducerKey, login.Stdout + login.Stderr);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config));
            }

            var list = await CliProcess.RunAsync(new Dictionary<string, string> { ["DISPATCHER_CONFIG"] = config }, output, "webhooks", "list", "--json");
            Assert.True(list.ExitCode == 0, list.ToString());
            var trigger = await CliProcess.RunAsync(new Dictionary<string, string> { ["DISPATCHER_CONFIG"] = config }, output, "trigger", "member.invited");
            Assert.True(trigger.ExitCode == 0, trigger.ToString());
            Assert.Contains($"(workspace {DispatcherTestServer.Workspace})", trigger.Stdout);

            var wrong = await CliProcess.RunAsync(new Dictionary<string, string> { ["DISPATCHER_CONFIG"] = config + ".other" }, output,
                "login", "--url", server.Http.ToString(), "--api-key", "not_a_key_0000");
            Assert.Equal(3, wrong.ExitCode);
            Assert.False(File.Exists(config + ".other"));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(config)!, recursive: true);
        }
    }
}
