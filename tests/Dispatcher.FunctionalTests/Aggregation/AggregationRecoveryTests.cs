using Dispatcher.Client.Publishing;
using Dispatcher.Testing;
using static Dispatcher.FunctionalTests.Aggregation.Aggregates;

namespace Dispatcher.FunctionalTests.Aggregation;

/// <summary>
/// Aggregates stay exact when instances share the work, restart mid-window, or race the closer:
/// counts and windows live in Redis, and each window's aggregate has one id.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class AggregationRecoveryTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_ingesting_the_same_clicks_and_both_closing_send_one_exact_aggregate()
    {
        var clock = Clock();
        string prefix = RedisServerFixture.NewPrefix();
        await using var receiver = await TestReceiver.StartAsync();
        await using var first = await DispatcherTestServer.StartAsync(redis, output, Settings, clock, prefix);
        await using var second = await DispatcherTestServer.StartAsync(redis, output, Settings, clock, prefix);
        var hook = await first.Api().CreateWebhookAsync(receiver.Url(), AggregateType);
        await using var toFirst = first.Publisher();
        await using var toSecond = second.Publisher();

        // Every click reaches both instances at once (a producer's retry to another instance).
        var clicks = Enumerable.Range(0, 30).Select(i => Click($"evt_{i}", $"lnk_{i % 3}")).ToList();
        var results = await Task.WhenAll(clicks.SelectMany(c => new[] { toFirst.PublishAsync(c), toSecond.PublishAsync(c) }));
        Assert.Equal(clicks.Count, results.Count(r => r.Status == PublishStatus.Accepted));

        clock.Advance(TimeSpan.FromSeconds(42));
        await first.Logs.WaitForAsync("AggregationPass", 2);
        await second.Logs.WaitForAsync("AggregationPass", 2);
        var data = DataOf(await NextAcrossInstancesAsync(receiver, clock));

        Assert.Equal(30, data.GetProperty("total_clicks").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["lnk_0"] = 10, ["lnk_1"] = 10, ["lnk_2"] = 10 }, CountsOf(data));
        Assert.Single(first.Logs.Entries.Concat(second.Logs.Entries), e => e.Id.Name == "AggregateEmitted");
        // Both closers are done, so nothing else was enqueued: once this delivery is settled the queue is empty.
        await Task.WhenAny(first.Logs.WaitForAsync("AttemptSettled"), second.Logs.WaitForAsync("AttemptSettled")).Unwrap();
        Assert.Equal(0, await redis.Db.SortedSetLengthAsync(first.PartitionKey(hook.Id, "q")));
        Assert.Equal(0, await redis.Db.HashLengthAsync(first.PartitionKey(hook.Id, "qr")));
        Assert.Single(receiver.All);
        Assert.Empty(await OpenWindowKeysAsync(redis, prefix));
    }

    [Fact]
    public async Task Clicks_before_and_after_a_restart_in_one_window_are_all_counted()
    {
        var clock = Clock();
        string prefix = RedisServerFixture.NewPrefix();
        await using var receiver = await TestReceiver.StartAsync();
        await using (var before = await DispatcherTestServer.StartAsync(redis, output, Settings, clock, prefix))
        {
            await before.Api().CreateWebhookAsync(receiver.Url(), AggregateType);
            await using var publisher = before.Publisher();
            await Task.WhenAll(Enumerable.Range(0, 3).Select(i => publisher.PublishAsync(Click($"evt_{i}", "lnk_a"))));
        }

        clock.Advance(TimeSpan.FromSeconds(20));
        await using var after = await DispatcherTestServer.StartAsync(redis, output, Settings, clock, prefix);
        await using var again = after.Publisher();
        // evt_2 is the producer re-sending what it was unsure of (a duplicate); evt_3..5 are new.
        var results = await Task.WhenAll(Enumerable.Range(2, 4).Select(i => again.PublishAsync(Click($"evt_{i}", i < 4 ? "lnk_a" : "lnk_b"))));
        Assert.Equal(PublishStatus.Duplicate, results[0].Status);
        clock.Advance(TimeSpan.FromSeconds(22));
        var data = DataOf(await receiver.NextAsync());

        Assert.Equal(6, data.GetProperty("total_clicks").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["lnk_a"] = 4, ["lnk_b"] = 2 }, CountsOf(data));
    }

    [Fact]
    public async Task A_click_ingested_after_its_window_closed_is_counted_in_the_next_window()
    {
        // Two instances whose clocks disagree: the slow one ingests a click into a minute the other already closed.
        var slowClock = Clock();
        var fastClock = Clock();
        var minute = MinuteOf(slowClock.GetUtcNow());
        string prefix = RedisServerFixture.NewPrefix();
        await using var receiver = await TestReceiver.StartAsync();
        await using var slow = await DispatcherTestServer.StartAsync(redis, output, Settings, slowClock, prefix);
        await using var fast = await DispatcherTestServer.StartAsync(redis, output, Settings, fastClock, prefix);
        await slow.Api().CreateWebhookAsync(receiver.Url(), AggregateType);
        await using var publisher = slow.Publisher();

        await publisher.PublishAsync(Click("evt_early", "lnk_early"));
        fastClock.Advance(TimeSpan.FromSeconds(42));
        await fast.Logs.WaitForAsync("AggregateEmitted");
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(Click("evt_late", "lnk_late"))).Status);
        slowClock.Advance(TimeSpan.FromSeconds(42));
        var early = DataOf(await NextAcrossInstancesAsync(receiver, slowClock, fastClock));

        Assert.Equal($"{minute:yyyy-MM-dd'T'HH:mm:ss'Z'}", early.GetProperty("window_start").GetString());
        Assert.Equal(new Dictionary<string, long> { ["lnk_early"] = 1 }, CountsOf(early));
        // Settled before the clocks move again (attempt timeouts run on them too).
        await Task.WhenAny(slow.Logs.WaitForAsync("AttemptSettled"), fast.Logs.WaitForAsync("AttemptSettled")).Unwrap();

        slowClock.Advance(TimeSpan.FromMinutes(1));
        fastClock.Advance(TimeSpan.FromMinutes(1));
        var late = DataOf(await NextAcrossInstancesAsync(receiver, slowClock, fastClock));
        Assert.Equal($"{minute.AddMinutes(1):yyyy-MM-dd'T'HH:mm:ss'Z'}", late.GetProperty("window_start").GetString());
        Assert.Equal(new Dictionary<string, long> { ["lnk_late"] = 1 }, CountsOf(late));
        Assert.Equal(2, receiver.All.Count);
    }
}
