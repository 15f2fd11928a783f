using System.Net;
using Dispatcher.Client.Publishing;
using Dispatcher.Client.Signatures;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>Signing secrets are encrypted in Redis (Data Protection, key ring in Redis) and still sign deliveries.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class SecretsAtRestTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task No_redis_value_holds_the_secret_after_create_or_rotate_and_deliveries_verify()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var api = server.Api();
        var created = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");

        var afterCreate = await RedisDump.AllAsync(redis, server.Prefix);
        AssertNowhere(afterCreate, created.Secret);
        Assert.True(afterCreate.ContainsKey($"{server.Prefix}:dataprotection-keys"), "the key ring lives in Redis under the prefix");

        await using var publisher = server.Publisher();
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_at_rest_1"))).Status);
        var first = await receiver.NextAsync();
        Assert.True(WebhookSignature.Verify(created.Secret, first.Header("CD4CD-Signature"), first.Body, TimeSpan.FromMinutes(5)));

        const string Rotated = "a-rotated-secret-0123456789";
        var (status, body) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{created.Id}/rotate-secret", new { secret = Rotated });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Rotated, body.GetProperty("secret").GetString());

        var afterRotate = await RedisDump.AllAsync(redis, server.Prefix);
        AssertNowhere(afterRotate, created.Secret);
        AssertNowhere(afterRotate, Rotated);

        await publisher.PublishAsync(TestEvents.Create("evt_at_rest_2"));
        var second = await receiver.NextAsync();
        Assert.True(WebhookSignature.Verify(Rotated, second.Header("CD4CD-Signature"), second.Body, TimeSpan.FromMinutes(5)));
        Assert.DoesNotContain(server.Logs.Entries, e => e.Message.Contains(created.Secret) || e.Message.Contains(Rotated));
    }

    [Fact]
    public async Task A_record_written_before_encryption_with_a_plain_secret_still_reads_and_signs()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var created = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        const string Legacy = "legacy-plain-text-secret";
        await redis.Db.HashSetAsync($"{server.Prefix}:{{ws:{DispatcherTestServer.Workspace}}}:wh:{created.Id}", "secret", Legacy);

        var (status, _) = await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{created.Id}");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_legacy"));
        var delivered = await receiver.NextAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(WebhookSignature.Verify(Legacy, delivered.Header("CD4CD-Signature"), delivered.Body, TimeSpan.FromMinutes(5)));

        // Rotating it moves the plain secret to secret_prev encrypted: nothing stays readable.
        var (rotateStatus, _) = await server.Api().SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{created.Id}/rotate-secret");
        Assert.Equal(HttpStatusCode.OK, rotateStatus);
        AssertNowhere(await RedisDump.AllAsync(redis, server.Prefix), Legacy);
        var stored = await server.Services.GetRequiredService<WebhookStore>().GetAsync(DispatcherTestServer.Workspace, created.Id);
        Assert.Equal(Legacy, stored!.PreviousSecret);
    }

    [Fact]
    public async Task Secrets_at_rest_work_on_the_embedded_store()
    {
        string dataPath = Directory.CreateTempSubdirectory("dispatcher-garnet-").FullName;
        try
        {
            await using var receiver = await TestReceiver.StartAsync();
            await using var server = await DispatcherTestServer.StartAsync(null, output,
                new Dictionary<string, string?> { ["Dispatcher:EmbeddedStore:DataPath"] = dataPath });
            var api = server.Api();
            var created = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
            var (status, rotated) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{created.Id}/rotate-secret");
            Assert.Equal(HttpStatusCode.OK, status);

            await using var publisher = server.Publisher();
            await publisher.PublishAsync(TestEvents.Create("evt_garnet_secret"));
            var delivered = await receiver.NextAsync();
            Assert.True(WebhookSignature.Verify(rotated.GetProperty("secret").GetString()!, delivered.Header("CD4CD-Signature"),
                delivered.Body, TimeSpan.FromMinutes(5)));
        }
        finally
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static void AssertNowhere(SortedDictionary<string, string> dump, string secret)
    {
        // The base64 part too: a secret stored merely re-encoded would still be readable.
        string core = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        var holders = dump.Where(kv => kv.Value.Contains(core, StringComparison.Ordinal) || kv.Key.Contains(core, StringComparison.Ordinal))
            .Select(kv => kv.Key).ToList();
        Assert.True(holders.Count == 0, $"the secret is readable in {string.Join(", ", holders)}");
    }
}
