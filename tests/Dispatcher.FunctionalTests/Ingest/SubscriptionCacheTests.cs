using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>
/// Ingest keeps each workspace's webhooks between requests; a create, PATCH or delete through any
/// instance must still reach the next publish on every other instance.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class SubscriptionCacheTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Creates_patches_and_deletes_on_one_instance_reach_the_next_publish_on_another()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await using var receiver = await TestReceiver.StartAsync();
        await using var apiServer = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        await using var ingestServer = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        var api = apiServer.Api();
        await using var publisher = ingestServer.Publisher();

        // Warm the ingest instance's cache while the workspace has no webhook.
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_cache_0"))).Status);

        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await publisher.PublishAsync(TestEvents.Create("evt_cache_1"));
        Assert.Contains("evt_cache_1", (await receiver.NextAsync()).BodyText);

        var (status, _) = await api.SendJsonAsync(HttpMethod.Patch, $"/v1/webhooks/{webhook.Id}", new { events = new[] { "link.created" } });
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        await publisher.PublishAsync(TestEvents.Create("evt_cache_2"));                    // link.clicked: no longer subscribed
        await publisher.PublishAsync(TestEvents.Create("evt_cache_3", type: "link.created"));
        Assert.Contains("evt_cache_3", (await receiver.NextAsync()).BodyText);

        await api.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{webhook.Id}");
        await publisher.PublishAsync(TestEvents.Create("evt_cache_4", type: "link.created"));

        Assert.Equal(2, receiver.All.Count);
        Assert.DoesNotContain(await redis.KeysAsync(prefix), k => k.Contains(":q:" + webhook.Id, StringComparison.Ordinal));
    }
}
