using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>A million deliveries due for one endpoint stay in Redis; the process holds only what it is about to send.</summary>
[Collection(TimedCollection.Name)]
public sealed class BacklogTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Backlog = 1_000_000;
    private const int Capacity = 16; // EndpointQueueCapacity's default
    private const int ClaimBatch = 16; // the pump's largest claim

    [Fact]
    public async Task A_million_due_deliveries_never_claim_more_than_the_channel_and_the_heap_stays_flat()
    {
        await using var receiver = await TestReceiver.StartAsync();
        string prefix = RedisServerFixture.NewPrefix();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        var webhook = await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        int partition = server.PartitionOf(webhook.Id);
        string queue = $"{prefix}:{{p:{partition}}}:q:{webhook.Id}";
        await SeedAsync(prefix, partition, webhook.Id, queue);

        await receiver.NextAsync(TimeSpan.FromSeconds(30));
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        int mostClaimed = 0;
        for (int i = 0; i < 100; i++)
        {
            await receiver.NextAsync();
            // A claimed delivery is re-scored to its claim deadline, a minute ahead.
            long claimedScore = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds();
            mostClaimed = Math.Max(mostClaimed, (int)await redis.Db.SortedSetLengthAsync(queue, claimedScore, double.PositiveInfinity));
        }
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);

        output.WriteLine($"most claimed at once: {mostClaimed}; heap {heapBefore / 1024} KB -> {heapAfter / 1024} KB; backlog {await redis.Db.SortedSetLengthAsync(queue)}");
        Assert.InRange(mostClaimed, 1, Capacity + ClaimBatch);
        Assert.True(heapAfter - heapBefore < 16 * 1024 * 1024, $"the heap grew by {(heapAfter - heapBefore) / 1024} KB");
        Assert.True(await redis.Db.SortedSetLengthAsync(queue) > Backlog - 1000);
    }

    /// <summary>What a burst of ingest leaves behind, written straight into Redis so the test need not publish a million events.</summary>
    private async Task SeedAsync(string prefix, int partition, string webhookId, string queue)
    {
        string body = $"{prefix}:{{p:{partition}}}:ev:{DispatcherTestServer.Workspace}:evt_backlog";
        await redis.Db.HashSetAsync(body,
        [
            new("id", "evt_backlog"), new("ws", DispatcherTestServer.Workspace), new("type", "link.clicked"),
            new("created", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()), new("data", TestEvents.ClickData),
        ]);
        await redis.Db.KeyExpireAsync(body, TimeSpan.FromHours(1));
        const string Seed = """
            local now = tonumber(ARGV[1])
            for i = tonumber(ARGV[2]), tonumber(ARGV[3]) do
              local id = 'dlv_backlog_' .. i
              redis.call('ZADD', KEYS[1], now, id)
              redis.call('HSET', KEYS[2], id, '0 - ' .. KEYS[3])
            end
            redis.call('ZADD', KEYS[4], now, ARGV[4])
            return 1
            """;
        string records = $"{prefix}:{{p:{partition}}}:qr:{webhookId}";
        string ready = $"{prefix}:{{p:{partition}}}:ready";
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // In slices small enough that one script stays well inside the client's 5 s timeout on a busy machine
        // (a 100k slice once took longer than that while other builds shared the two cores).
        const int Slice = 20_000;
        for (int start = 1; start <= Backlog; start += Slice)
        {
            await redis.Db.ScriptEvaluateAsync(Seed, [queue, records, body, ready], [now, start, start + Slice - 1, webhookId]);
        }
    }
}
