using System.Net;
using System.Net.Http.Headers;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Api;

/// <summary>
/// <c>POST …/test</c>, <c>…/replay</c> and <c>…/recover</c> share one budget per API key, counted in
/// Redis: two server processes on one Redis see one count, and past it both answer 429 with Retry-After.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class SendLimitTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_processes_share_one_count_per_key_and_refuse_past_it_with_429_and_retry_after()
    {
        await using var receiver = await TestReceiver.StartAsync();
        string prefix = RedisServerFixture.NewPrefix();
        var settings = new Dictionary<string, string>
        {
            ["Dispatcher__Limits__SendCallsPerWindow"] = "3",
            ["Dispatcher__Limits__SendWindow"] = "01:00:00",
        };
        await using var one = await ServerProcess.StartAsync(redis, prefix, output, settings);
        await using var two = await ServerProcess.StartAsync(redis, prefix, output, settings);
        using var apiOne = Client(one.Http);
        using var apiTwo = Client(two.Http);
        var webhook = await apiOne.CreateWebhookAsync(receiver.Url(), "link.clicked");
        string test = $"/v1/webhooks/{webhook.Id}/test";
        string recover = $"/v1/webhooks/{webhook.Id}/recover";
        var since = new { since = DateTimeOffset.UtcNow.AddHours(-1) };

        Assert.Equal(HttpStatusCode.Accepted, (await apiOne.SendJsonAsync(HttpMethod.Post, test)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await apiTwo.SendJsonAsync(HttpMethod.Post, recover, since)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await apiTwo.SendJsonAsync(HttpMethod.Post, test)).Status);

        // The fourth call is over the budget on either process, whatever the route.
        foreach (var (api, path, body) in new[] { (apiOne, test, (object?)null), (apiTwo, recover, since), (apiOne, $"/api/webhooks/{webhook.Id}/test", null) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent(body) };
            using var response = await api.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.TooManyRequests, $"{path} answered {(int)response.StatusCode}: {text}");
            Assert.Contains("RATE_LIMITED", text);
            var retryAfter = response.Headers.RetryAfter?.Delta;
            Assert.True(retryAfter is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromHours(1), $"Retry-After was {retryAfter}");
        }

        // A replay counts too: the delivery log of the test event (written by another process) is polled for.
        string deliveryId = await FirstDeliveryAsync(apiOne, webhook.Id);
        var (replayStatus, _) = await apiTwo.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{webhook.Id}/deliveries/{deliveryId}/replay");
        Assert.Equal(HttpStatusCode.TooManyRequests, replayStatus);

        // One counter, named by the key's identity: refused calls counted nothing, and the raw key is nowhere.
        var keys = await redis.KeysAsync(prefix);
        string counter = Assert.Single(keys, k => k.StartsWith($"{prefix}:rl:send:", StringComparison.Ordinal));
        Assert.Equal("3", (string?)await redis.Db.StringGetAsync(counter));
        Assert.DoesNotContain(keys, k => k.Contains(DispatcherTestServer.ApiKey, StringComparison.Ordinal));
    }

    private static HttpClient Client(Uri http)
    {
        var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DispatcherTestServer.ApiKey);
        return client;
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Polled: the log is written inside a server process, which announces nothing a test could wait on.</summary>
    private static async Task<string> FirstDeliveryAsync(HttpClient api, string webhookId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var (_, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries");
            if (log.GetProperty("data").EnumerateArray().FirstOrDefault() is { ValueKind: System.Text.Json.JsonValueKind.Object } entry)
            {
                return entry.GetProperty("deliveryId").GetString()!;
            }
            Assert.True(DateTime.UtcNow < deadline, "the test event's delivery never reached the delivery log within 15 s");
            await Task.Delay(100);
        }
    }
}
