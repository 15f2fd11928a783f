using System.Text.Json;
using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Commands;

/// <summary><c>webhooks create --header</c> and <c>webhooks update</c> through the real process, against a real receiver.</summary>
[Collection(CliRedisCollection.Name)]
public sealed class WebhookHeaderCommandTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Headers_given_on_create_are_delivered_shown_by_name_and_replaced_or_cleared_by_update()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var env = CliServer.Environment(server);

        var created = await CliProcess.RunAsync(env, output, "webhooks", "create", "--endpoint", receiver.Url().ToString(), "--events", "link.clicked",
            "--header", "Authorization: Bearer cli_token_value", "--header", "X-Tenant:acme", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        string id = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("id").GetString()!;
        var get = await CliProcess.RunAsync(env, output, "webhooks", "get", id);
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_cli_headers"));
        var first = await receiver.NextAsync();

        Assert.Contains(get.Stdout.Split('\n'), l => l.StartsWith("headers", StringComparison.Ordinal) && l.Contains("Authorization,X-Tenant"));
        Assert.DoesNotContain("cli_token_value", created.Stdout + get.Stdout, StringComparison.Ordinal);
        Assert.Equal("Bearer cli_token_value", first.Header("Authorization"));
        Assert.Equal("acme", first.Header("X-Tenant"));

        var updated = await CliProcess.RunAsync(env, output, "webhooks", "update", id, "--header", "X-Api-Key: k2");
        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.StartsWith($"updated {id}", updated.Stdout, StringComparison.Ordinal);
        await publisher.PublishAsync(TestEvents.Create("evt_cli_updated"));
        var second = await receiver.NextAsync();
        Assert.Equal("k2", second.Header("X-Api-Key"));
        Assert.Null(second.Header("Authorization"));

        var cleared = await CliProcess.RunAsync(env, output, "webhooks", "update", id, "--clear-headers", "--json");
        Assert.True(cleared.ExitCode == 0, cleared.ToString());
        Assert.False(JsonDocument.Parse(cleared.Stdout).RootElement.TryGetProperty("headers", out _));
    }

    [Fact]
    public async Task A_header_without_a_colon_is_a_usage_error_and_a_reserved_one_is_the_servers_refusal()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var env = CliServer.Environment(server);
        var before = await redis.KeysAsync(server.Prefix);

        var noColon = await CliProcess.RunAsync(env, output, "webhooks", "create", "--endpoint", "http://127.0.0.1:9/hook", "--events", "link.clicked",
            "--header", "Authorization Bearer secret_value");
        var reserved = await CliProcess.RunAsync(env, output, "webhooks", "create", "--endpoint", "http://127.0.0.1:9/hook", "--events", "link.clicked",
            "--header", "Host: example.com");

        Assert.Equal(2, noColon.ExitCode);
        Assert.Contains("'Name: value'", noColon.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_value", noColon.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, reserved.ExitCode);
        Assert.Contains("400 RESERVED_HEADER", reserved.Stderr, StringComparison.Ordinal);
        Assert.Contains("'Host'", reserved.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }
}
