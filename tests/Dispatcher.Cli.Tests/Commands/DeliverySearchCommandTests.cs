using System.Text.Json;
using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Commands;

/// <summary><c>dispatcher deliveries list</c>'s filters and cursor, <c>deliveries event</c> and <c>deliveries recover</c>, through the real process.</summary>
[Collection(CliRedisCollection.Name)]
public sealed class DeliverySearchCommandTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task List_filters_and_pages_event_shows_every_webhook_and_recover_prints_what_it_could_not_send()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await using var receiver = await TestReceiver.StartAsync();
        bool failing = true;
        receiver.Respond = (request, _) => Task.FromResult(request.BodyText.Contains("evt_cli_s_bad") && Volatile.Read(ref failing) ? 500 : 200);
        await using var second = await TestReceiver.StartAsync();
        var api = server.Api();
        string id = await CreateWithoutRetriesAsync(api, receiver);
        string other = await CreateWithoutRetriesAsync(api, second);
        var env = CliServer.Environment(server);
        await using (var publisher = server.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_cli_s_ok"));
            await publisher.PublishAsync(TestEvents.Create("evt_cli_s_bad"));
            await publisher.PublishAsync(TestEvents.Create("evt_cli_s/qr", type: "qr.scanned"));
        }
        await server.Logs.WaitForAsync("AttemptSettled", 6);

        var fivexx = await CliProcess.RunAsync(env, output, "deliveries", "list", id, "--status", "5xx", "--since", "1h");
        Assert.True(fivexx.ExitCode == 0, fivexx.ToString());
        Assert.Equal(["evt_cli_s_bad"], EventColumn(fivexx.Stdout));
        var qr = await CliProcess.RunAsync(env, output, "deliveries", "list", id, "--type", "qr.scanned", "--outcome", "succeeded");
        Assert.Equal(["evt_cli_s/qr"], EventColumn(qr.Stdout));

        // Page by page with the cursor the previous page printed: every delivery once.
        var pages = new List<string>();
        string? cursor = null;
        do
        {
            var page = cursor is null
                ? await CliProcess.RunAsync(env, output, "deliveries", "list", id, "--limit", "2")
                : await CliProcess.RunAsync(env, output, "deliveries", "list", id, "--limit", "2", "--cursor", cursor);
            Assert.True(page.ExitCode == 0, page.ToString());
            pages.AddRange(EventColumn(page.Stdout));
            cursor = page.Stderr.Split('\n').FirstOrDefault(l => l.StartsWith("more: add --cursor ", StringComparison.Ordinal))?.Split(' ')[3];
        }
        while (cursor is not null);
        Assert.Equal(["evt_cli_s/qr", "evt_cli_s_bad", "evt_cli_s_ok"], pages.Order(StringComparer.Ordinal));

        var badSince = await CliProcess.RunAsync(env, output, "deliveries", "list", id, "--since", "last tuesday");
        Assert.Equal(2, badSince.ExitCode);

        var lookup = await CliProcess.RunAsync(env, output, "deliveries", "event", "evt_cli_s/qr");
        Assert.True(lookup.ExitCode == 0, lookup.ToString());
        var rows = lookup.Stdout.Split('\n').Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.StartsWith(id, StringComparison.Ordinal) && r.Contains("succeeded") && r.Contains("200"));
        Assert.Contains(rows, r => r.StartsWith(other, StringComparison.Ordinal));
        var unknown = await CliProcess.RunAsync(env, output, "deliveries", "event", "evt_cli_never");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("404", unknown.Stderr);

        Volatile.Write(ref failing, false);
        var recover = await CliProcess.RunAsync(env, output, "deliveries", "recover", id, "--since", "1h");
        Assert.True(recover.ExitCode == 0, recover.ToString());
        Assert.Contains("queued 1 failed deliveries again", recover.Stdout);
        Assert.Contains("could not recover 0: 0 past the event retention, 0 webhook deleted", recover.Stdout);
        var json = await CliProcess.RunAsync(env, output, "deliveries", "recover", id, "--since", "1h", "--until", "30m", "--json");
        using var answer = JsonDocument.Parse(json.Stdout);
        Assert.Equal(0, answer.RootElement.GetProperty("queued").GetInt32());
    }

    /// <summary>The EVENT column of a deliveries table (the third).</summary>
    private static List<string> EventColumn(string table) =>
        table.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]).ToList();

    private static async Task<string> CreateWithoutRetriesAsync(HttpClient api, TestReceiver receiver)
    {
        var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            format = "elido",
            events = new[] { "link.clicked", "qr.scanned" },
            retrySchedule = Array.Empty<int>(),
        });
        return created.GetProperty("id").GetString()!;
    }
}
