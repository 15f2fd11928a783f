using System.Net;
using System.Text.Json;
using Dispatcher.Client.Publishing;
using Dispatcher.Core.Partitioning;
using Dispatcher.Redis.Events;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Layout;

/// <summary>
/// Workspace ids are escaped in key names, so two (workspace, event) pairs that would read the same
/// once joined with ':' stay two events.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class KeyCollisionTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string AcmeKey = "test_api_key_acme";
    private const string AcmeEuKey = "test_api_key_acme_eu";

    [Fact]
    public async Task Workspace_acme_event_eu_1_and_workspace_acme_eu_event_1_are_both_accepted_and_delivered()
    {
        await using var acmeReceiver = await TestReceiver.StartAsync();
        await using var acmeEuReceiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:ApiKeys:2:Key"] = AcmeKey,
            ["Dispatcher:ApiKeys:2:Workspace"] = "acme",
            ["Dispatcher:ApiKeys:3:Key"] = AcmeEuKey,
            ["Dispatcher:ApiKeys:3:Workspace"] = "acme:eu",
        });
        await server.Api(AcmeKey).CreateWebhookAsync(acmeReceiver.Url(), "link.clicked");
        await server.Api(AcmeEuKey).CreateWebhookAsync(acmeEuReceiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        // Joined with ':' both read "acme:eu:1": before the encoding the second was a DUPLICATE and lost.
        var first = await publisher.PublishAsync(TestEvents.Create("eu:1", workspace: "acme"));
        var second = await publisher.PublishAsync(TestEvents.Create("1", workspace: "acme:eu"));

        Assert.Equal(PublishStatus.Accepted, first.Status);
        Assert.Equal(PublishStatus.Accepted, second.Status);
        Assert.Equal("eu:1", IdOf(await acmeReceiver.NextAsync()));
        Assert.Equal("1", IdOf(await acmeEuReceiver.NextAsync()));
        // Each workspace reads back its own event, and only its own.
        Assert.Equal(("eu:1", "acme"), await FetchAsync(server.Api(AcmeKey), "eu%3A1"));
        Assert.Equal(("1", "acme:eu"), await FetchAsync(server.Api(AcmeEuKey), "1"));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Api(AcmeKey).SendJsonAsync(HttpMethod.Get, "/v1/events/1")).Status);
        // Both are remembered, each under its own workspace.
        Assert.Equal(PublishStatus.Duplicate, (await publisher.PublishAsync(TestEvents.Create("eu:1", workspace: "acme"))).Status);
        Assert.Equal(PublishStatus.Duplicate, (await publisher.PublishAsync(TestEvents.Create("1", workspace: "acme:eu"))).Status);
    }

    [Fact]
    public async Task Ids_with_separators_braces_and_percent_signs_get_keys_that_hold_none_of_them_raw()
    {
        await using var receiver = await TestReceiver.StartAsync();
        string prefix = RedisServerFixture.NewPrefix();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?>
        {
            ["Dispatcher:ApiKeys:2:Key"] = AcmeKey,
            ["Dispatcher:ApiKeys:2:Workspace"] = "a{c}m%e:x",
        }, prefix: prefix);
        await server.Api(AcmeKey).CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("e{1}:%", workspace: "a{c}m%e:x"))).Status);
        Assert.Equal("e{1}:%", IdOf(await receiver.NextAsync()));

        var keys = await redis.KeysAsync(prefix);
        int home = EventHome.Of(server.Services.GetRequiredService<PartitionMap>(), "a{c}m%e:x", "e{1}:%");
        Assert.Contains($"{prefix}:{{p:{home}}}:ev:a%7Bc%7Dm%25e%3Ax:e{{1}}:%", keys);
        Assert.Contains($"{prefix}:{{ws:a%7Bc%7Dm%25e%3Ax}}:whs", keys);
        // The hash tag is a key's first {…}: a tagged key's tag is its partition or its whole escaped
        // workspace. A brace in the event id, which ends the key, comes after the tag and moves nothing.
        Assert.All(keys.Where(k => k[prefix.Length + 1] == '{'),
            k => Assert.Matches(@"^\{(p:\d+|ws:[^{}:]+|agg:[^{}:]+)\}:", k[(prefix.Length + 1)..]));
    }

    private static string IdOf(ReceivedRequest request)
    {
        using var json = JsonDocument.Parse(request.Body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<(string Id, string Workspace)> FetchAsync(HttpClient api, string encodedId)
    {
        var (status, body) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/events/{encodedId}");
        Assert.Equal(HttpStatusCode.OK, status);
        return (body.GetProperty("id").GetString()!, body.GetProperty("workspaceId").GetString()!);
    }
}
