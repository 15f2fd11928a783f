using System.Text.Json;
using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Commands;

/// <summary><c>dispatcher trigger</c> and <c>dispatcher deliveries list|replay|tail</c> through the real process.</summary>
[Collection(CliRedisCollection.Name)]
public sealed class TriggerAndDeliveryCommandTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Trigger_publishes_the_types_sample_and_prints_the_ack_in_both_forms()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked", "qr.scanned");
        var env = CliServer.Environment(server);

        var human = await CliProcess.RunAsync(env, output, "trigger", "link.clicked", "--id", "evt_cli_t1");
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Equal($"accepted evt_cli_t1 link.clicked (workspace {DispatcherTestServer.Workspace})", human.Stdout.Trim());
        var delivered = await receiver.NextAsync();
        Assert.True(WebhookSignature.Verify(webhook.Secret, delivered.Header("CD4CD-Signature")!, delivered.Body, TimeSpan.FromMinutes(5)));
        using (var body = JsonDocument.Parse(delivered.Body))
        {
            Assert.Equal("evt_cli_t1", body.RootElement.GetProperty("id").GetString());
            Assert.Equal("lnk_8f3c_a91", body.RootElement.GetProperty("data").GetProperty("linkId").GetString());
        }

        string file = Path.Combine(Path.GetTempPath(), $"dispatcher-data-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{"qrId":"qr_from_file","country":"SA"}""");
        try
        {
            var json = await CliProcess.RunAsync(env, output, "trigger", "qr.scanned", "--data", "@" + file, "--id", "evt_cli_t2", "--json");
            Assert.True(json.ExitCode == 0, json.ToString());
            using var ack = JsonDocument.Parse(json.Stdout);
            Assert.Equal("accepted", ack.RootElement.GetProperty("status").GetString());
            Assert.Equal("evt_cli_t2", ack.RootElement.GetProperty("id").GetString());
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Contains("qr_from_file", (await receiver.NextAsync()).BodyText);

        var again = await CliProcess.RunAsync(env, output, "trigger", "link.clicked", "--id", "evt_cli_t1");
        Assert.StartsWith("duplicate evt_cli_t1", again.Stdout);
    }

    [Fact]
    public async Task Deliveries_list_replay_and_tail_show_the_delivery_log()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        var env = CliServer.Environment(server);
        await using (var publisher = server.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_cli_d1"));
        }
        await receiver.NextAsync();
        // The log entry is written after the answer: tail (below) would print it otherwise, so wait for it here.
        string deliveryId = await WaitForLogAsync(env, webhook.Id, 1);

        var table = await CliProcess.RunAsync(env, output, "deliveries", "list", webhook.Id);
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.StartsWith("TIME", table.Stdout);
        Assert.Contains(table.Stdout.Split('\n'), l => l.Contains(deliveryId) && l.Contains("evt_cli_d1") && l.Contains("succeeded") && l.Contains("200"));
        var failed = await CliProcess.RunAsync(env, output, "deliveries", "list", webhook.Id, "--failed", "--json");
        using (var json = JsonDocument.Parse(failed.Stdout))
        {
            Assert.Empty(json.RootElement.GetProperty("data").EnumerateArray());
        }

        await using var tail = CliProcess.Start(env, output, "deliveries", "tail", webhook.Id, "--interval", "0.2");
        await tail.NextStderrAsync("tailing the delivery log (1 earlier");

        var replay = await CliProcess.RunAsync(env, output, "deliveries", "replay", webhook.Id, deliveryId);
        Assert.Equal($"replay of {deliveryId} queued", replay.Stdout.Trim());
        Assert.Contains("evt_cli_d1", (await receiver.NextAsync()).BodyText);
        string line = await tail.NextLineAsync(l => l.Contains(deliveryId));
        Assert.Contains("succeeded", line);

        tail.Interrupt();
        var ended = await tail.WaitForExitAsync();
        Assert.Equal(0, ended.ExitCode);

        var replayJson = await CliProcess.RunAsync(env, output, "deliveries", "replay", webhook.Id, "dlv_nope", "--json");
        Assert.Equal(1, replayJson.ExitCode);
        Assert.Contains("404", replayJson.Stderr);
    }

    private async Task<string> WaitForLogAsync(Dictionary<string, string> env, string webhookId, int entries)
    {
        for (int i = 0; i < 100; i++)
        {
            var list = await CliProcess.RunAsync(env, output, "deliveries", "list", webhookId, "--json");
            using var json = JsonDocument.Parse(list.Stdout);
            var data = json.RootElement.GetProperty("data");
            if (data.GetArrayLength() >= entries)
            {
                return data[0].GetProperty("deliveryId").GetString()!;
            }
        }
        throw new TimeoutException("the delivery log stayed empty");
    }
}
