using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Notifications;

/// <summary>
/// Status changes are emailed to the workspace owner through a real SMTP server: one email per
/// change even with two instances working the log, and an email that could not be sent while the
/// SMTP server was down arrives once it is back.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class OwnerEmailTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string Owner = "owner-a@example.com";

    [Fact]
    public async Task Two_instances_send_one_email_per_change_to_the_owner()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var receiver = await TestReceiver.StartAsync();
        string prefix = RedisServerFixture.NewPrefix();
        var settings = EmailSettings(smtp.Port, "Dispatcher__");
        await using var first = await ServerProcess.StartAsync(redis, prefix, output, settings);
        await using var second = await ServerProcess.StartAsync(redis, prefix, output, settings);
        using var api = Api(first.Http);
        using var otherApi = Api(second.Http);
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");

        // Three changes, made through both instances.
        await ChangeAsync(api, webhook.Id, "disable");
        await ChangeAsync(otherApi, webhook.Id, "enable");
        await ChangeAsync(api, webhook.Id, "disable");
        var emails = await smtp.WaitForAsync(3, TimeSpan.FromSeconds(30));
        // Both instances settled all three (the email cursor passed them): no further email can come.
        await WaitForCursorAsync(prefix, 3);

        Assert.Equal(3, smtp.Messages.Count);
        Assert.Equal(
            [$"{DispatcherTestServer.Workspace}/1", $"{DispatcherTestServer.Workspace}/2", $"{DispatcherTestServer.Workspace}/3"],
            emails.Select(m => m.Headers["X-Dispatcher-Notification"]).Order());
        Assert.All(emails, m => Assert.Equal(Owner, m.To.Mailboxes.Single().Address));
        Assert.All(emails, m => Assert.Equal("notifications@dispatcher.test", m.From.Mailboxes.Single().Address));
        var disabled = emails.Single(m => m.Headers["X-Dispatcher-Notification"] == $"{DispatcherTestServer.Workspace}/1");
        Assert.Equal($"Webhook {webhook.Id} was disabled", disabled.Subject);
        Assert.Contains(webhook.Id, disabled.TextBody);
        Assert.Contains("Reason:    disabled through the API", disabled.TextBody);
        Assert.Contains(receiver.Url().ToString(), disabled.TextBody);
        Assert.Equal($"Webhook {webhook.Id} was enabled",
            emails.Single(m => m.Headers["X-Dispatcher-Notification"] == $"{DispatcherTestServer.Workspace}/2").Subject);
    }

    [Fact]
    public async Task An_email_not_sent_while_smtp_is_down_is_retried_and_arrives_once()
    {
        int smtpPort = Ports.Free();
        await using var receiver = await TestReceiver.StartAsync();
        var settings = EmailSettings(smtpPort, "Dispatcher:", separator: ":")
            .ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, settings);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");

        await ChangeAsync(api, webhook.Id, "disable");
        // Nothing listens on the SMTP port: the send fails, is logged, and waits for its retry.
        await server.Logs.WaitForAsync("OwnerEmailFailed", timeout: TimeSpan.FromSeconds(30));
        await using var smtp = TestSmtpServer.Start(smtpPort);
        var emails = await smtp.WaitForAsync(1, TimeSpan.FromSeconds(30));
        await WaitForCursorAsync(server.Prefix, 1);

        Assert.Single(smtp.Messages);
        Assert.Equal($"Webhook {webhook.Id} was disabled", emails[0].Subject);
    }

    private static Dictionary<string, string> EmailSettings(int smtpPort, string root, string separator = "__") => new()
    {
        [$"{root}Email{separator}Host"] = "127.0.0.1",
        [$"{root}Email{separator}Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{root}Email{separator}Security"] = "None",
        [$"{root}Email{separator}From"] = "Dispatcher <notifications@dispatcher.test>",
        [$"{root}Notifications{separator}PollInterval"] = "00:00:00.500",
        [$"{root}Notifications{separator}RetryInitialDelay"] = "00:00:00.500",
        [$"{root}Workspaces{separator}{DispatcherTestServer.Workspace}{separator}OwnerEmail"] = Owner,
    };

    private static HttpClient Api(Uri http)
    {
        var client = new HttpClient { BaseAddress = http };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DispatcherTestServer.ApiKey);
        return client;
    }

    private static async Task ChangeAsync(HttpClient api, string webhookId, string action) =>
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhookId}/{action}")).Status);

    /// <summary>Polls (every 100 ms, up to 30 s) until the email consumer settled every entry up to <paramref name="sequence"/>.</summary>
    private async Task WaitForCursorAsync(string prefix, long sequence) =>
        await WaitAsync(async () => (long?)await redis.Db.StringGetAsync($"{prefix}:{{ws:{DispatcherTestServer.Workspace}}}:notes:at:email") >= sequence,
            $"the email cursor to reach {sequence}");

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited 30 s for {what}");
            }
            await Task.Delay(100);
        }
    }
}
