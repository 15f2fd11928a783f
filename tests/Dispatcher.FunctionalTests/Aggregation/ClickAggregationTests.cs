using Dispatcher.Client.Publishing;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;
using static Dispatcher.FunctionalTests.Aggregation.Aggregates;

namespace Dispatcher.FunctionalTests.Aggregation;

/// <summary>
/// <c>link.clicked.aggregated</c>: clicks are counted at ingest into the UTC minute of their
/// ingest time, and when the minute closes each subscribed endpoint gets one aggregate with the
/// exact counts. A fake clock drives the closer.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class ClickAggregationTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Each_aggregate_subscriber_gets_one_aggregate_per_window_with_exact_counts_despite_duplicate_publishes()
    {
        var clock = Clock();
        var minute = MinuteOf(clock.GetUtcNow());
        await using var rawOnly = await TestReceiver.StartAsync();
        await using var aggregateOnly = await TestReceiver.StartAsync();
        await using var both = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, Settings, clock);
        var api = server.Api();
        var rawHook = await api.CreateWebhookAsync(rawOnly.Url(), "link.clicked");
        var aggregateHook = await api.CreateWebhookAsync(aggregateOnly.Url(), AggregateType);
        var bothHook = await api.CreateWebhookAsync(both.Url(), "link.clicked", AggregateType);
        await using var publisher = server.Publisher();

        // Every click is published twice at once, then once more: duplicates count nothing.
        Event[] clicks =
        [
            Click("evt_1", "lnk_a"), Click("evt_2", "lnk_a"), Click("evt_3", "lnk_b", "link_id"),
            Click("evt_4", "promo", "shortCode"), Click("evt_5", null),
        ];
        var first = await Task.WhenAll(clicks.Concat(clicks).Select(e => publisher.PublishAsync(e)));
        Assert.Equal(clicks.Length, first.Count(r => r.Status == PublishStatus.Accepted));
        Assert.All(await Task.WhenAll(clicks.Select(e => publisher.PublishAsync(e))), r => Assert.Equal(PublishStatus.Duplicate, r.Status));
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_created", type: "link.created"))).Status);
        // Raw clicks still flow to both click subscribers. The clock only moves once they are
        // settled: attempt timeouts run on it too.
        await server.Logs.WaitForAsync("AttemptSettled", 2 * clicks.Length);
        Assert.Equal(clicks.Length, rawOnly.All.Count);

        clock.Advance(TimeSpan.FromSeconds(42));
        var aggregate = await aggregateOnly.NextAsync();
        var data = DataOf(aggregate);
        Assert.Contains($"\"id\":\"agg_{DispatcherTestServer.Workspace}_{minute:yyyyMMddHHmm}\"", aggregate.BodyText);
        Assert.Equal($"{minute:yyyy-MM-dd'T'HH:mm:ss'Z'}", data.GetProperty("window_start").GetString());
        Assert.Equal($"{minute.AddMinutes(1):yyyy-MM-dd'T'HH:mm:ss'Z'}", data.GetProperty("window_end").GetString());
        Assert.Equal(5, data.GetProperty("total_clicks").GetInt64());
        Assert.Equal(1, data.GetProperty("unattributed_clicks").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["lnk_a"] = 2, ["lnk_b"] = 1, ["promo"] = 1 }, CountsOf(data));
        Assert.Equal(new[] { "lnk_a", "lnk_b", "promo" }, data.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("link_id").GetString()));

        // The endpoint subscribed to both gets the raw clicks and the same aggregate.
        var bothGot = new List<ReceivedRequest>();
        for (int i = 0; i < clicks.Length + 1; i++)
        {
            bothGot.Add(await both.NextAsync());
        }
        Assert.Equal(data.GetRawText(), DataOf(Assert.Single(bothGot, IsAggregate)).GetRawText());

        // Every delivery made (10 raw, 2 aggregates) is settled; the next window is empty and sends nothing.
        await server.Logs.WaitForAsync("AttemptSettled", 2 * clicks.Length + 2);
        clock.Advance(TimeSpan.FromMinutes(1));
        await server.Logs.WaitForAsync("AggregationPass", 3);
        Assert.Single(server.Logs.Entries, e => e.Id.Name == "AggregateEmitted");
        foreach (var hook in new[] { rawHook, aggregateHook, bothHook })
        {
            Assert.Equal(0, await redis.Db.SortedSetLengthAsync(server.PartitionKey(hook.Id, "q")));
        }
        Assert.Single(aggregateOnly.All);
        Assert.DoesNotContain(rawOnly.All, IsAggregate);
        Assert.Equal(clicks.Length, rawOnly.All.Count);
        Assert.Equal(clicks.Length + 1, both.All.Count);
        Assert.Empty(await OpenWindowKeysAsync(redis, server.Prefix));
    }

    [Fact]
    public async Task A_window_without_clicks_sends_nothing_and_clicks_nobody_aggregates_are_not_counted()
    {
        var clock = Clock();
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, Settings, clock);
        await server.Api().CreateWebhookAsync(receiver.Url(), AggregateType);
        await using var publisher = server.Publisher();

        // Not a click; and a click in a workspace where no webhook wants the aggregate.
        await publisher.PublishAsync(TestEvents.Create("evt_created", type: "link.created"));
        await publisher.PublishAsync(TestEvents.Create("evt_elsewhere", workspace: DispatcherTestServer.OtherWorkspace));
        clock.Advance(TimeSpan.FromSeconds(42));
        await server.Logs.WaitForAsync("AggregationPass", 2);
        clock.Advance(TimeSpan.FromMinutes(1));
        await server.Logs.WaitForAsync("AggregationPass", 3);

        Assert.Empty(receiver.All);
        Assert.DoesNotContain(server.Logs.Entries, e => e.Id.Name == "AggregateEmitted");
        Assert.DoesNotContain(await redis.KeysAsync(server.Prefix), k => k.Contains("agg"));
    }
}
