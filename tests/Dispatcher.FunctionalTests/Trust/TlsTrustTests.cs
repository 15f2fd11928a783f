using System.Net;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Trust;

/// <summary>
/// Certificates are always validated: a receiver whose certificate chains to a CA the deployment
/// trusts (Dispatcher:Endpoints:TrustedCaCertificates) gets its delivery; an untrusted, self-signed
/// or wrongly named certificate is a failed attempt and the receiver's handler never runs.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class TlsTrustTests(RedisServerFixture redis, ITestOutputHelper output) : IDisposable
{
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _authority = TestCertificates.CreateAuthority();
    private readonly List<string> _files = [];

    [Fact]
    public async Task Delivers_over_https_when_the_certificate_chains_to_a_trusted_test_ca_with_allow_local_off()
    {
        await using var receiver = await TestReceiver.StartAsync(TestCertificates.IssueServer(_authority, ip: IPAddress.Loopback));
        // Loopback is reachable here only because the allow-list says so: AllowLocal is off.
        await using var server = await StartAsync(trustCa: true);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_tls_ok"));
        var request = await receiver.NextAsync();

        Assert.StartsWith("https://127.0.0.1:", receiver.Url().ToString());
        Assert.Contains("evt_tls_ok", request.BodyText);
        Assert.True(WebhookSignature.Verify(webhook.Secret, request.Header("CD4CD-Signature")!, request.Body, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_self_signed_certificate_is_a_failed_attempt_with_a_tls_error()
    {
        await using var receiver = await TestReceiver.StartAsync(TestCertificates.SelfSignedServer(IPAddress.Loopback));
        await using var server = await StartAsync(trustCa: true);

        await AssertTlsFailureAsync(server, receiver);
    }

    [Fact]
    public async Task A_certificate_from_the_test_ca_is_refused_when_the_ca_is_not_configured()
    {
        await using var receiver = await TestReceiver.StartAsync(TestCertificates.IssueServer(_authority, ip: IPAddress.Loopback));
        await using var server = await StartAsync(trustCa: false);

        await AssertTlsFailureAsync(server, receiver);
    }

    [Fact]
    public async Task A_certificate_from_the_trusted_ca_for_another_name_is_refused()
    {
        await using var receiver = await TestReceiver.StartAsync(TestCertificates.IssueServer(_authority, dnsName: "other.test"));
        await using var server = await StartAsync(trustCa: true);

        await AssertTlsFailureAsync(server, receiver);
    }

    public void Dispose()
    {
        _files.ForEach(File.Delete);
        _authority.Dispose();
    }

    private async Task<DispatcherTestServer> StartAsync(bool trustCa)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dispatcher:Endpoints:AllowLocal"] = "false",
            ["Dispatcher:Endpoints:AllowedNetworks:0"] = "127.0.0.0/8",
        };
        if (trustCa)
        {
            string path = TestCertificates.WritePem(_authority);
            _files.Add(path);
            settings["Dispatcher:Endpoints:TrustedCaCertificates:0"] = path;
        }
        return await DispatcherTestServer.StartAsync(redis, output, settings);
    }

    private static async Task AssertTlsFailureAsync(DispatcherTestServer server, TestReceiver receiver)
    {
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_tls_bad"));
        await server.Logs.WaitForAsync("RetryScheduled");

        var attempt = await ConnectTimeTrustTests.LatestAttemptAsync(server, webhook.Id);
        Assert.Equal("retrying", attempt.GetProperty("outcome").GetString());
        Assert.StartsWith("TLS handshake failed", attempt.GetProperty("error").GetString());
        Assert.Empty(receiver.All);
    }
}
