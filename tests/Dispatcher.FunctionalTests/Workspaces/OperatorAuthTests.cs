using System.Net;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Workspaces;

/// <summary>The operator API takes operator keys from configuration and nothing else.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class OperatorAuthTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Without_operator_keys_every_operator_call_answers_401_saying_which_setting_turns_it_on()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var admin = server.Api(OperatorApi.Key);

        foreach (var (method, path) in new[] { (HttpMethod.Get, "/v1/admin/workspaces"), (HttpMethod.Post, "/v1/admin/workspaces"), (HttpMethod.Delete, "/v1/admin/workspaces/ws_a") })
        {
            var (status, body) = await admin.SendJsonAsync(method, path, method == HttpMethod.Post ? new { id = "ws_x" } : null);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Contains("Dispatcher:OperatorKeys", body.GetProperty("error").GetProperty("message").GetString());
        }
        Assert.DoesNotContain(await redis.KeysAsync(server.Prefix), k => k.Contains(":{dir}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Customer_and_producer_keys_are_no_operator_keys_and_the_operator_key_is_no_api_key()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output, OperatorApi.Settings());

        foreach (string key in new[] { DispatcherTestServer.ApiKey, DispatcherTestServer.ProducerKey, "test_operator_key_1" })
        {
            var (status, body) = await server.Api(key).SendJsonAsync(HttpMethod.Post, "/v1/admin/workspaces", new { id = "ws_x" });
            Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (status, body.ErrorCode()));
        }
        var (customer, _) = await server.Operator().SendJsonAsync(HttpMethod.Get, "/v1/webhooks");
        Assert.Equal(HttpStatusCode.Unauthorized, customer);
        using var noKey = new HttpClient { BaseAddress = server.Http };
        var (anonymous, missing) = await noKey.SendJsonAsync(HttpMethod.Get, "/v1/admin/workspaces");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Contains("missing operator key", missing.GetProperty("error").GetProperty("message").GetString());
        var (listed, list) = await server.Operator().SendJsonAsync(HttpMethod.Get, "/v1/admin/workspaces");
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), w => w.GetProperty("id").GetString() == "ws_x");
    }

    [Fact]
    public async Task An_operator_key_shorter_than_16_characters_stops_start_up_with_the_setting_named()
    {
        var ex = await Assert.ThrowsAnyAsync<Exception>(() =>
            DispatcherTestServer.StartAsync(redis, output, new Dictionary<string, string?> { ["Dispatcher:OperatorKeys:0"] = "short_op" }));
        Assert.Contains("Dispatcher:OperatorKeys:0 needs at least 16 characters", ex.Message);
    }
}
