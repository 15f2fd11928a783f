using System.Net;
using System.Net.Http.Headers;
using Dispatcher.Client.Notifications;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Notifications;

/// <summary>
/// The SDK's subscriber outlives the server it reads from: when that instance dies, it reconnects
/// with its cursor and is sent what changed meanwhile (made through another instance), once.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class SubscriberReconnectTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task The_subscriber_reconnects_with_its_cursor_after_its_server_was_killed()
    {
        await using var receiver = await TestReceiver.StartAsync();
        string prefix = RedisServerFixture.NewPrefix();
        var ports = (Ports.Free(), Ports.Free());
        var server = await ServerProcess.StartAsync(redis, prefix, output, ports: ports);
        await using var other = await ServerProcess.StartAsync(redis, prefix, output);
        using var api = Api(other.Http);
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        using var subscriber = new NotificationSubscriber(new SubscriberOptions
        {
            Address = server.Grpc, ProducerKey = DispatcherTestServer.ProducerKey, MaxReconnectDelay = TimeSpan.FromMilliseconds(500),
        });
        await subscriber.StartAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var reader = subscriber.ReadAllAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            await ChangeAsync(api, webhook.Id, "disable");
            Assert.True(await reader.MoveNextAsync());
            var before = reader.Current;

            server.Kill();
            await server.DisposeAsync();
            // While the subscriber's server is down, through the other instance.
            await ChangeAsync(api, webhook.Id, "enable");
            var next = reader.MoveNextAsync().AsTask();
            server = await ServerProcess.StartAsync(redis, prefix, output, ports: ports);
            Assert.True(await next);
            var after = reader.Current;

            Assert.Equal(("webhook.disabled", 1L), (before.Type, before.Sequence));
            Assert.Equal(("webhook.enabled", 2L), (after.Type, after.Sequence));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static HttpClient Api(Uri http)
    {
        var client = new HttpClient { BaseAddress = http };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DispatcherTestServer.ApiKey);
        return client;
    }

    private static async Task ChangeAsync(HttpClient api, string webhookId, string action) =>
        Assert.Equal(HttpStatusCode.OK, (await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhookId}/{action}")).Status);
}
