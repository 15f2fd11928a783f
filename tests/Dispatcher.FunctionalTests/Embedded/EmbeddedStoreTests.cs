using Dispatcher.Client.Publishing;
using Dispatcher.Client.Signatures;
using Dispatcher.Server.Store;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Embedded;

/// <summary>
/// With no ConnectionStrings:Redis the server runs on embedded Garnet: the same path end to end,
/// and a restart keeps acknowledged work.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class EmbeddedStoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("dispatcher-garnet-").FullName;

    [Fact]
    public async Task Embedded_store_delivers_and_a_restart_keeps_webhooks_and_pending_retries()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?> { ["Dispatcher:EmbeddedStore:DataPath"] = _dataPath };
        await using var receiver = await TestReceiver.StartAsync();
        int calls = 0;
        // First attempt fails, so the delivery is waiting for its retry when the server stops.
        receiver.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1 ? 503 : 200);
        CreatedWebhook webhook;
        string prefix = RedisServerFixture.NewPrefix();

        await using (var first = await DispatcherTestServer.StartAsync(null, output, settings, clock, prefix))
        {
            Assert.Equal("embedded Garnet", first.Services.GetRequiredService<RedisTarget>().Kind);
            Assert.Contains(first.Logs.Entries, e => e.Id.Name == "EmbeddedStore");
            webhook = await first.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
            await using var publisher = first.Publisher();
            Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_embedded"))).Status);
            await receiver.NextAsync();
        }

        await using var second = await DispatcherTestServer.StartAsync(null, output, settings, clock, prefix);
        var (status, _) = await second.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhook.Id}");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);

        // The retry is due a minute (+ up to 10% jitter) after the failure; the restarted server sends it.
        clock.Advance(TimeSpan.FromSeconds(67));
        var retried = await receiver.NextAsync();
        Assert.Contains("evt_embedded", retried.BodyText);
        Assert.True(WebhookSignature.Verify(webhook.Secret, retried.Header("CD4CD-Signature"), retried.Body,
            TimeSpan.FromMinutes(5), clock.GetUtcNow()));
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);
}
