using System.Text.Json;
using Dispatcher.Redis;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api.Stats;

/// <summary><c>statusChangedAt</c>: when the status last changed, stamped by the scripts that change it.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class StatusChangedAtTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Create_disable_enable_and_a_failed_delivery_stamp_the_time_and_a_repeated_status_keeps_it()
    {
        // Whole milliseconds: what Redis keeps and the API shows.
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(500);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        // No retries, so one failed attempt is a failed delivery; Elido turns failing before it disables.
        var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url().ToString(),
            format = "elido",
            events = new[] { "link.clicked" },
            retrySchedule = Array.Empty<int>(),
        });
        string id = created.GetProperty("id").GetString()!;
        Assert.Equal(clock.GetUtcNow(), ChangedAt(created));
        Assert.Equal(clock.GetUtcNow(), ChangedAt(await GetAsync(api, id)));

        clock.Advance(TimeSpan.FromMinutes(5));
        var disabledAt = clock.GetUtcNow();
        var (_, disabled) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/disable");
        Assert.Equal(disabledAt, ChangedAt(disabled));

        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, again) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/disable");
        Assert.Equal(disabledAt, ChangedAt(again));

        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, enabled) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/enable");
        Assert.Equal("enabled", enabled.GetProperty("status").GetString());
        Assert.Equal(clock.GetUtcNow(), ChangedAt(enabled));

        clock.Advance(TimeSpan.FromMinutes(1));
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_failing"));
        await server.Logs.WaitForAsync("DeliveryFailed", 1);
        var failing = await GetAsync(api, id);
        Assert.Equal("failing", failing.GetProperty("status").GetString());
        Assert.Equal(clock.GetUtcNow(), ChangedAt(failing));

        // A record from before the field: no time to show, and no guess.
        await redis.Db.HashDeleteAsync($"{server.Prefix}:{{ws:{KeyPart.Encode(DispatcherTestServer.Workspace)}}}:wh:{id}", "status_at");
        Assert.False((await GetAsync(api, id)).TryGetProperty("statusChangedAt", out _));
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string id) =>
        (await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}")).Body;

    private static DateTimeOffset ChangedAt(JsonElement webhook) => webhook.GetProperty("statusChangedAt").GetDateTimeOffset();
}
