using System.Text.Json;
using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Commands;

/// <summary><c>dispatcher webhooks …</c> through the real process, as a table and as the API's JSON.</summary>
[Collection(CliRedisCollection.Name)]
public sealed class WebhookCommandTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Webhook_commands_create_show_change_and_delete_in_both_output_forms()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var env = CliServer.Environment(server);

        var created = await CliProcess.RunAsync(env, output, "webhooks", "create", "--endpoint", "http://127.0.0.1:9/hook", "--events", "link.clicked,qr.scanned", "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var createdJson = JsonDocument.Parse(created.Stdout);
        string id = createdJson.RootElement.GetProperty("id").GetString()!;
        string secret = createdJson.RootElement.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);

        var table = await CliProcess.RunAsync(env, output, "webhooks", "list");
        Assert.True(table.ExitCode == 0, table.ToString());
        var lines = table.Stdout.Split('\n');
        Assert.StartsWith("ID", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(id, StringComparison.Ordinal) && l.Contains("enabled") && l.Contains("link.clicked,qr.scanned"));

        var listJson = await CliProcess.RunAsync(env, output, "webhooks", "list", "--json");
        using (var json = JsonDocument.Parse(listJson.Stdout))
        {
            Assert.Contains(json.RootElement.GetProperty("data").EnumerateArray(), w => w.GetProperty("id").GetString() == id);
        }

        var get = await CliProcess.RunAsync(env, output, "webhooks", "get", id);
        Assert.Contains(get.Stdout.Split('\n'), l => l.StartsWith("endpoint", StringComparison.Ordinal) && l.Contains("http://127.0.0.1:9/hook"));
        Assert.DoesNotContain(secret, get.Stdout);

        var disabled = await CliProcess.RunAsync(env, output, "webhooks", "disable", id);
        Assert.Equal($"disabled {id}", disabled.Stdout.Trim());
        var getJson = await CliProcess.RunAsync(env, output, "webhooks", "get", id, "--json");
        using (var json = JsonDocument.Parse(getJson.Stdout))
        {
            Assert.Equal("disabled", json.RootElement.GetProperty("status").GetString());
        }
        var enabled = await CliProcess.RunAsync(env, output, "webhooks", "enable", id, "--json");
        using (var json = JsonDocument.Parse(enabled.Stdout))
        {
            Assert.Equal("enabled", json.RootElement.GetProperty("status").GetString());
        }

        var rotated = await CliProcess.RunAsync(env, output, "webhooks", "rotate-secret", id);
        Assert.True(rotated.ExitCode == 0, rotated.ToString());
        string newSecret = rotated.Stdout.Split('\n').Single(l => l.StartsWith("secret", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.StartsWith("whsec_", newSecret);
        Assert.NotEqual(secret, newSecret);
        Assert.Contains(rotated.Stdout.Split('\n'), l => l.StartsWith("previousSecretExpiresAt", StringComparison.Ordinal));

        var deleted = await CliProcess.RunAsync(env, output, "webhooks", "delete", id);
        Assert.Equal($"deleted {id}", deleted.Stdout.Trim());
        var gone = await CliProcess.RunAsync(env, output, "webhooks", "get", id);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("404 NOT_FOUND", gone.Stderr);
    }

    [Fact]
    public async Task A_refused_create_exits_1_with_the_servers_code_and_writes_nothing()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var before = await redis.KeysAsync(server.Prefix);

        var result = await CliProcess.RunAsync(CliServer.Environment(server), output, "webhooks", "create", "--endpoint", "http://127.0.0.1:9/hook", "--events", "link.nope");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("400 INVALID_EVENTS", result.Stderr);
        Assert.Contains("link.nope", result.Stderr);
        Assert.Equal(before, await redis.KeysAsync(server.Prefix));
    }
}
