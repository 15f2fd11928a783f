using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Hosting;

/// <summary>No secret in any log line, even at Debug, against a Redis that needs a password.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class SecretLoggingTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_server_on_a_password_protected_redis_logs_no_password_at_debug_and_says_how_to_protect_the_key_ring()
    {
        // An ACL user of its own: the shared server's default user stays open for the other tests.
        string user = "u" + Guid.NewGuid().ToString("N")[..8];
        string password = "pw-" + Guid.NewGuid().ToString("N");
        await redis.Db.ExecuteAsync("ACL", "SETUSER", user, "on", ">" + password, "~*", "&*", "+@all");
        try
        {
            string prefix = RedisServerFixture.NewPrefix();
            await using var receiver = await TestReceiver.StartAsync();
            await using var server = await ServerProcess.StartAsync(redis, prefix, output, new Dictionary<string, string>
            {
                ["ConnectionStrings__Redis"] = $"{redis.ConnectionString},user={user},password={password}",
                ["Logging__LogLevel__Default"] = "Debug",
            });
            using var api = new HttpClient { BaseAddress = server.Http };
            api.DefaultRequestHeaders.Authorization = new("Bearer", DispatcherTestServer.ApiKey);
            await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
            await using (var publisher = new DispatcherPublisher(new PublisherOptions { Address = server.Grpc, ProducerKey = DispatcherTestServer.ProducerKey }))
            {
                Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_no_password"))).Status);
            }
            await receiver.NextAsync();
            // Stopped first, so the lines scanned include everything it logs on the way out.
            int status = await server.SignalAndWaitAsync("TERM", TimeSpan.FromSeconds(30));

            Assert.Contains(server.Lines, l => l.Contains($"Using Redis at {redis.ConnectionString}", StringComparison.Ordinal));
            Assert.DoesNotContain(server.Lines, l => l.Contains(password, StringComparison.Ordinal));
            Assert.Contains(server.Lines, l => l.Contains("Set Dispatcher__Secrets__KeyRingCertificatePath", StringComparison.Ordinal));
            Assert.Equal(0, status);
        }
        finally
        {
            await redis.Db.ExecuteAsync("ACL", "DELUSER", user);
        }
    }
}
