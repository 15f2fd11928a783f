using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dispatcher.Client.Publishing;
using Dispatcher.Client.Signatures;
using Dispatcher.Testing;
using Microsoft.Extensions.Options;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>The Data Protection key ring in Redis encrypted with a certificate from configuration.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class KeyRingCertificateTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string Password = "pfx-password-1";

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_encrypted_and_another_instance_still_signs_with_the_secret()
    {
        string pfx = WritePfx();
        var settings = new Dictionary<string, string?>
        {
            ["Dispatcher:Secrets:KeyRingCertificatePath"] = pfx,
            ["Dispatcher:Secrets:KeyRingCertificatePassword"] = Password,
        };
        string prefix = RedisServerFixture.NewPrefix();
        await using var receiver = await TestReceiver.StartAsync();
        CreatedWebhook created;
        await using (var first = await DispatcherTestServer.StartAsync(redis, output, settings, prefix: prefix))
        {
            created = await first.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        }

        var keyRing = await redis.Db.ListRangeAsync($"{prefix}:dataprotection-keys");
        Assert.NotEmpty(keyRing);
        Assert.All(keyRing, key =>
        {
            Assert.Contains("<encryptedSecret", key.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", key.ToString(), StringComparison.Ordinal);
        });

        // A fresh instance reads the key ring from Redis: it decrypts it with the same certificate.
        await using var second = await DispatcherTestServer.StartAsync(redis, output, settings, prefix: prefix);
        await using var publisher = second.Publisher();
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_keyring_cert"))).Status);
        var delivered = await receiver.NextAsync();
        Assert.True(WebhookSignature.Verify(created.Secret, delivered.Header("CD4CD-Signature"), delivered.Body, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task A_missing_certificate_file_stops_start_up_with_one_line_naming_the_setting()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".pfx");
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Secrets:KeyRingCertificatePath"] = missing }));
        Assert.Equal($"Dispatcher:Secrets:KeyRingCertificatePath: no file at '{missing}'", Assert.Single(ex.Failures));
    }

    private static string WritePfx()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=dispatcher-keyring-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        string path = Path.Combine(Directory.CreateTempSubdirectory("dispatcher-keyring-").FullName, "keyring.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, Password));
        return path;
    }
}
