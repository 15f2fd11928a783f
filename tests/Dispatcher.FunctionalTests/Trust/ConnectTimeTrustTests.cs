using System.Net;
using System.Text.Json;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Trust;

/// <summary>
/// The address policy again at connect time, on the address actually dialled: a name that
/// resolved to a public address when it was registered and to 127.0.0.1 now (DNS rebinding) is
/// a failed attempt, and the receiver behind 127.0.0.1 never hears of it.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class ConnectTimeTrustTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_name_that_rebinds_to_loopback_after_create_is_refused_at_connect_time()
    {
        // A receiver the server would otherwise reach and trust (its certificate is for rebind.test,
        // from a CA the server trusts), so only the connect-time check stands between them.
        var authority = TestCertificates.CreateAuthority();
        string caPath = TestCertificates.WritePem(authority);
        await using var receiver = await TestReceiver.StartAsync(TestCertificates.IssueServer(authority, dnsName: "rebind.test"));
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:Endpoints:AllowLocal"] = "false",
            ["Dispatcher:Endpoints:TrustedCaCertificates:0"] = caPath,
        });
        var webhook = await server.Api().CreateWebhookAsync(new Uri($"https://rebind.test:{receiver.BaseAddress.Port}/hook"), "link.clicked");
        server.Resolver.Answer = _ => [IPAddress.Loopback];
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_rebind"));
        await server.Logs.WaitForAsync("RetryScheduled");

        string refused = await server.Logs.WaitForAsync("ConnectRefused");
        Assert.Contains("rebind.test resolves to 127.0.0.1, a loopback address", refused);
        var attempt = await LatestAttemptAsync(server, webhook.Id);
        Assert.Equal("retrying", attempt.GetProperty("outcome").GetString());
        Assert.Contains("refused to connect: rebind.test resolves to 127.0.0.1, a loopback address", attempt.GetProperty("error").GetString());
        Assert.Empty(receiver.All);
        Assert.Equal(["rebind.test", "rebind.test"], server.Resolver.Asked);
        File.Delete(caPath);
    }

    internal static async Task<JsonElement> LatestAttemptAsync(DispatcherTestServer server, string webhookId)
    {
        await server.Logs.WaitForAsync("AttemptSettled");
        var (_, log) = await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries");
        return log.GetProperty("data")[0];
    }
}
