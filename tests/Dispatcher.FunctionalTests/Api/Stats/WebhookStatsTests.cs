using System.Net;
using System.Text.Json;
using Dispatcher.Core.Partitioning;
using Dispatcher.Redis;
using Dispatcher.Redis.Stats;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api.Stats;

/// <summary>
/// The delivery counters settle.lua keeps per webhook, minute and outcome, read through the API and
/// <see cref="WebhookStatsReader"/>, against real receivers; the clock is fake, so minutes are exact.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class WebhookStatsTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Attempts_are_counted_in_their_minute_by_outcome_read_by_hour_day_and_24_h_and_go_with_the_webhook()
    {
        // Five seconds into a minute, so the retry 67 s later lands in the next one.
        var minute0 = Floor(DateTimeOffset.UtcNow, Minute);
        var clock = new FakeTimeProvider(minute0.AddSeconds(5));
        await using var receiver = await TestReceiver.StartAsync();
        int callsToA = 0;
        receiver.Respond = (request, _) => Task.FromResult(
            request.Path == "/b" ? 500 : Interlocked.Increment(ref callsToA) == 1 ? 500 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        // A retries (CD4CD's schedule); B has no retries, so its failure is final at once (Elido disables only after five).
        string a = (await api.CreateWebhookAsync(receiver.Url("/a"), "link.clicked")).Id;
        var (_, createdB) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks", new
        {
            endpoint = receiver.Url("/b").ToString(),
            format = "elido",
            events = new[] { "link.clicked" },
            retrySchedule = Array.Empty<int>(),
        });
        string b = createdB.GetProperty("id").GetString()!;
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_counted"));
        await server.Logs.WaitForAsync("AttemptSettled", 2);
        clock.Advance(TimeSpan.FromSeconds(67));
        await server.Logs.WaitForAsync("AttemptSettled", 3);
        var minute1 = minute0 + Minute;

        // The hour: 60 minutes, the last one now's; A retried in minute 0 and succeeded in minute 1.
        var hour = await StatsAsync(api, a, "?window=hour");
        Assert.Equal("hour", hour.GetProperty("window").GetString());
        Assert.Equal(60, hour.GetProperty("bucketSeconds").GetInt32());
        var buckets = hour.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(60, buckets.Count);
        Assert.Equal(minute1 - 59 * Minute, Start(buckets[0]));
        Assert.Equal(minute1, Start(buckets[59]));
        Assert.Equal(minute1 + Minute, hour.GetProperty("to").GetDateTimeOffset());
        Assert.Equal((0, 1, 0), Counts(buckets[58]));
        Assert.Equal((1, 0, 0), Counts(buckets[59]));
        Assert.All(buckets.Take(58), bucket => Assert.Equal((0, 0, 0), Counts(bucket)));
        var totals = hour.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("attempts").GetInt64());
        Assert.Equal(0.5, totals.GetProperty("successRate").GetDouble());
        // No window is the hour; B's final failure is its own, in minute 0.
        var hourOfB = await StatsAsync(api, b, "");
        Assert.Equal((0, 0, 1), Counts(hourOfB.GetProperty("buckets")[58]));
        Assert.Equal(0, hourOfB.GetProperty("totals").GetProperty("successRate").GetDouble());

        // The day: 96 quarter hours, the same attempts in the quarters that hold their minutes.
        var day = await StatsAsync(api, a, "?window=day");
        Assert.Equal(900, day.GetProperty("bucketSeconds").GetInt32());
        var quarters = day.GetProperty("buckets").EnumerateArray().ToList();
        Assert.Equal(96, quarters.Count);
        var quarter = TimeSpan.FromMinutes(15);
        Assert.Equal(Floor(minute1, quarter), Start(quarters[95]));
        Assert.Equal(Floor(minute1, quarter) - 95 * quarter, Start(quarters[0]));
        var byStart = quarters.GroupBy(Start).ToDictionary(g => g.Key, g => g.Single());
        Assert.Equal(Floor(minute0, quarter) == Floor(minute1, quarter) ? (1, 1, 0) : (0, 1, 0), Counts(byStart[Floor(minute0, quarter)]));
        Assert.Equal(2, day.GetProperty("totals").GetProperty("attempts").GetInt64());

        // The webhooks list's figures: 24 h and the last attempt; ids not the workspace's are left out.
        var reader = server.Services.GetRequiredService<WebhookStatsReader>();
        var summaries = await reader.SummariesAsync(DispatcherTestServer.Workspace, [a, b, "wh_unknown"], CancellationToken.None);
        Assert.Equal(new WebhookActivity(2, 1, 0.5, minute1.AddSeconds(12)), summaries[a]);
        Assert.Equal(new WebhookActivity(1, 0, 0, minute0.AddSeconds(5)), summaries[b]);
        Assert.Equal(2, summaries.Count);
        Assert.Empty(await reader.SummariesAsync(DispatcherTestServer.OtherWorkspace, [a], CancellationToken.None));

        // 24 h later minute by minute: the window's first minute leaves it, then the second.
        var keys = server.Services.GetRequiredService<RedisKeys>();
        var partitions = server.Services.GetRequiredService<PartitionMap>();
        foreach (var (at, attempts) in new[] { (minute0 + 1439 * Minute, 2L), (minute1 + 1439 * Minute, 1L), (minute1 + 1440 * Minute, 0L) })
        {
            var later = new WebhookStatsReader(redis.Connection, keys, partitions, new FakeTimeProvider(at.AddSeconds(30)));
            var activity = (await later.SummariesAsync(DispatcherTestServer.Workspace, [a], CancellationToken.None))[a];
            Assert.True(attempts == activity.Attempts, $"at {at:O}: {activity}");
        }

        // Wrong window and another workspace's webhook: the API's error shape, nothing read.
        var (badWindow, error) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{a}/stats?window=week");
        Assert.Equal(HttpStatusCode.BadRequest, badWindow);
        Assert.Equal("INVALID_WINDOW", error.GetProperty("error").GetProperty("code").GetString());
        var (foreign, notFound) = await server.Api(DispatcherTestServer.OtherApiKey).SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{a}/stats");
        Assert.Equal(HttpStatusCode.NotFound, foreign);
        Assert.Equal("NOT_FOUND", notFound.GetProperty("error").GetProperty("code").GetString());

        // Bounded: each hour's counters expire a day after the hour (plus an hour of slack); the last time with the log.
        var counters = (await redis.KeysAsync(server.Prefix)).Where(k => k.Contains(":st:", StringComparison.Ordinal) && k.EndsWith(a, StringComparison.Ordinal)).ToList();
        Assert.InRange(counters.Count, 1, 2);
        foreach (string key in counters)
        {
            var ttl = await redis.Db.KeyTimeToLiveAsync(key);
            Assert.InRange(ttl!.Value, TimeSpan.FromHours(24), TimeSpan.FromHours(26));
        }
        Assert.NotNull(await redis.Db.KeyTimeToLiveAsync(server.PartitionKey(a, "last")));

        // Deleting the webhook deletes its counters and last time with its log.
        var (deleted, _) = await api.SendJsonAsync(HttpMethod.Delete, $"/v1/webhooks/{a}");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.DoesNotContain(await redis.KeysAsync(server.Prefix),
            k => k.EndsWith(a, StringComparison.Ordinal) && (k.Contains(":st:", StringComparison.Ordinal) || k.Contains(":last:", StringComparison.Ordinal)));
    }

    private static async Task<JsonElement> StatsAsync(HttpClient api, string id, string query)
    {
        var (status, body) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/stats{query}");
        Assert.True(status == HttpStatusCode.OK, $"stats answered {(int)status}: {body}");
        return body;
    }

    private static DateTimeOffset Start(JsonElement bucket) => bucket.GetProperty("start").GetDateTimeOffset();

    private static (long Succeeded, long Retrying, long Failed) Counts(JsonElement bucket) =>
        (bucket.GetProperty("succeeded").GetInt64(), bucket.GetProperty("retrying").GetInt64(), bucket.GetProperty("failed").GetInt64());

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan size) => new(at.UtcTicks - at.UtcTicks % size.Ticks, TimeSpan.Zero);
}
