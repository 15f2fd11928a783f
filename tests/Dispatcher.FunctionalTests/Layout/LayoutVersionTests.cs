using Dispatcher.Client.Publishing;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Redis.Deliveries;
using Dispatcher.Engine.Instances;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Layout;

/// <summary>
/// <c>meta:layout</c> says how key names are built. A server never reads data of another layout
/// wrongly: it stamps a fresh keyspace, migrates a layout-2 one and a layout-1 one whose key names do
/// not change (to layout 3), and refuses to start on anything else.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class LayoutVersionTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_fresh_keyspace_is_stamped_with_layout_3()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);

        string line = await server.Logs.WaitForAsync("LayoutStamped");

        Assert.Contains("fresh", line);
        Assert.Equal("3", await redis.Db.StringGetAsync($"{prefix}:meta:layout"));
    }

    [Fact]
    public async Task A_layout_1_keyspace_of_ordinary_ids_is_stamped_and_reads_the_same()
    {
        string prefix = RedisServerFixture.NewPrefix();
        // What a layout-1 server leaves behind: no layout key, and names that escaping leaves as they are.
        await redis.Db.StringSetAsync($"{prefix}:meta:partitions", "8");
        await redis.Db.StringSetAsync($"{prefix}:dedupe:{DispatcherTestServer.Workspace}:evt_old", "1");
        // An event id with ':' is the last part of its keys: layout 2 leaves it as it is.
        await redis.Db.StringSetAsync($"{prefix}:dedupe:{DispatcherTestServer.Workspace}:evt:old:2", "1");
        await redis.Db.HashSetAsync($"{prefix}:{{p:3}}:ev:{DispatcherTestServer.Workspace}:evt_old", "id", "evt_old");
        await redis.Db.SetAddAsync($"{prefix}:{{ws:{DispatcherTestServer.Workspace}}}:whs", "wh_old");
        await redis.Db.StringSetAsync($"{prefix}:{{agg:{DispatcherTestServer.Workspace}}}:closed", "0");

        await using var server = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        string line = await server.Logs.WaitForAsync("LayoutStamped");
        await server.Logs.WaitForAsync("PartitionShareChanged");

        Assert.Contains("layout 1", line);
        Assert.Contains("nothing to rename", line);
        Assert.Equal("3", await redis.Db.StringGetAsync($"{prefix}:meta:layout"));
        Assert.Equal(0, server.Services.GetRequiredService<ExitCode>().Value);
        // The old dedupe markers became home-partition markers: a retry is still a duplicate.
        await using var publisher = server.Publisher();
        Assert.Equal(PublishStatus.Duplicate, (await publisher.PublishAsync(TestEvents.Create("evt_old"))).Status);
        Assert.Equal(PublishStatus.Duplicate, (await publisher.PublishAsync(TestEvents.Create("evt:old:2"))).Status);
    }

    [Theory]
    [InlineData("dedupe:ac%me:1")]
    [InlineData("{ws:acme:eu}:whs")]
    [InlineData("{p:2}:ev:ac{m}e:1")]
    public async Task A_layout_1_keyspace_with_a_key_whose_name_changes_refuses_to_start(string key)
    {
        string prefix = RedisServerFixture.NewPrefix();
        await redis.Db.StringSetAsync($"{prefix}:meta:partitions", "8");
        await redis.Db.StringSetAsync($"{prefix}:dedupe:{DispatcherTestServer.Workspace}:evt_plain", "1");
        await redis.Db.StringSetAsync($"{prefix}:{key}", "1");

        await using var server = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        server.ExpectErrors(e => e.EventId.Name == "LayoutMigrationRefused");
        string line = await server.Logs.WaitForAsync("LayoutMigrationRefused");

        Assert.Contains("1 key", line);
        Assert.Contains($"{prefix}:{key}", line);
        Assert.Contains("Dispatcher:Redis:KeyPrefix", line);
        await server.Stopping.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, server.Services.GetRequiredService<ExitCode>().Value);
        Assert.False((await redis.Db.KeyExistsAsync($"{prefix}:meta:layout")));
    }

    [Fact]
    public async Task A_layout_2_keyspace_is_migrated_its_logs_moved_to_their_partition_and_its_markers_kept()
    {
        string prefix = RedisServerFixture.NewPrefix();
        string ws = DispatcherTestServer.Workspace;
        // What a layout-2 server leaves: a webhook's log as a list of attempts (newest first) in the
        // workspace's slot, and a dedupe marker per accepted event.
        await redis.Db.StringSetAsync($"{prefix}:meta:partitions", "8");
        await redis.Db.StringSetAsync($"{prefix}:meta:layout", "2");
        await redis.Db.StringSetAsync($"{prefix}:dedupe:{ws}:evt_before_upgrade", "1", TimeSpan.FromDays(6));
        string oldLog = $"{prefix}:{{ws:{ws}}}:log:wh_old";
        await redis.Db.ListLeftPushAsync(oldLog, OldEntry("dlv_1", "evt_before_upgrade", 1, "retrying", 500, "2026-11-30T10:00:00Z"));
        await redis.Db.ListLeftPushAsync(oldLog, OldEntry("dlv_1", "evt_before_upgrade", 2, "succeeded", 200, "2026-11-30T10:01:00Z"));

        await using var server = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        string line = await server.Logs.WaitForAsync("LayoutStamped");
        await server.Logs.WaitForAsync("PartitionShareChanged");

        Assert.Contains("layout 2 data: 1 delivery logs moved", line);
        Assert.Equal("3", await redis.Db.StringGetAsync($"{prefix}:meta:layout"));
        Assert.False(await redis.Db.KeyExistsAsync(oldLog));
        Assert.DoesNotContain(await redis.KeysAsync(prefix), k => k.Contains(":dedupe:", StringComparison.Ordinal));
        // The delivery with both its attempts, oldest first, now in the webhook's partition.
        var attempts = await server.Services.GetRequiredService<DeliveryLogStore>().FindAsync(new WebhookId("wh_old"), "dlv_1");
        Assert.Equal([(1, DeliveryOutcome.Retrying), (2, DeliveryOutcome.Succeeded)], attempts.Select(a => (a.Attempt, a.Outcome)));
        await using var publisher = server.Publisher();
        Assert.Equal(PublishStatus.Duplicate, (await publisher.PublishAsync(TestEvents.Create("evt_before_upgrade"))).Status);
    }

    private static string OldEntry(string delivery, string eventId, int attempt, string outcome, int status, string at) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            at, deliveryId = delivery, eventId, eventType = "link.clicked", attempt, outcome, statusCode = status, error = (string?)null,
            latencyMs = 1.5, requestHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" },
            requestBody = "{}", requestBodyTruncated = false, responseBody = "ok",
        });

    [Fact]
    public async Task A_newer_layout_refuses_to_start()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await redis.Db.StringSetAsync($"{prefix}:meta:partitions", "8");
        await redis.Db.StringSetAsync($"{prefix}:meta:layout", "4");

        await using var server = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix);
        server.ExpectErrors(e => e.EventId.Name == "LayoutTooNew");
        string line = await server.Logs.WaitForAsync("LayoutTooNew");

        Assert.Contains("newer Dispatcher", line);
        Assert.Contains("upgrade this instance", line);
        await server.Stopping.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(2, server.Services.GetRequiredService<ExitCode>().Value);
        Assert.Equal("4", await redis.Db.StringGetAsync($"{prefix}:meta:layout"));
    }
}
