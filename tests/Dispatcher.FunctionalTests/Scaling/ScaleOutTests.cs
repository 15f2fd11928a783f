using System.Net.Http.Headers;
using Dispatcher.Client.Publishing;
using Dispatcher.Core.Partitioning;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>
/// Real server processes on loopback sharing one redis-server: they split the partitions fairly,
/// survive a <c>kill -9</c> losing no acknowledged event, and make room for a newcomer.
/// </summary>
[Collection(TimedCollection.Name)]
public sealed class ScaleOutTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Partitions = 8; // ServerProcess's count
    private const int EventsPerPhase = 100;
    private const int RatePerSecond = 50, Burst = 10;

    // A bucket allows burst + rate in any second, across hand-overs too (a new holder starts with the
    // webhook's bucket empty). Tolerance as in RateLimitTests, burst + rate × (1 s + jitter), with
    // 200 ms of jitter rather than 100: four servers, Redis and the receiver share the machine's cores.
    private const int MaxPerSecond = Burst + RatePerSecond * 12 / 10;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Dispatcher__Partitions__LeaseTtl"] = "00:00:02",
        // Short claims so a killed instance's work comes back quickly: 2 s × (16 / 4 + 1) + 1 s = 11 s.
        ["Dispatcher__Delivery__RequestTimeout"] = "00:00:02",
        ["Dispatcher__Delivery__ClaimTimeout"] = "00:00:11",
        ["Dispatcher__Delivery__RatePerSecond"] = RatePerSecond.ToString(),
        ["Dispatcher__Delivery__Burst"] = Burst.ToString(),
        // Room for as many webhooks as it takes to cover every instance's partitions (see below).
        ["Dispatcher__Limits__WebhooksPerWorkspace"] = MaxWebhooks.ToString(),
    };

    /// <summary>
    /// Webhook ids are random, so covering an instance that holds 2 of 8 partitions can take a while:
    /// 12 tries miss it 3% of the time, 64 tries about once in a hundred million. The loop stops as
    /// soon as every instance is covered, usually after a handful.
    /// </summary>
    private const int MaxWebhooks = 64;

    [Fact]
    public Task Three_instances_share_the_partitions_lose_nothing_to_a_kill_and_a_fourth_takes_its_share() =>
        RunAsync(redis.Connection, Settings);

    [Fact]
    public async Task The_same_on_a_three_master_Redis_Cluster()
    {
        await using var cluster = await RedisCluster.StartAsync();
        await RunAsync(cluster.Connection, new Dictionary<string, string>(Settings) { ["ConnectionStrings__Redis"] = cluster.ConnectionString });
    }

    /// <summary>The whole flow against the Redis that <paramref name="settings"/> name (the fixture's unless they say otherwise).</summary>
    private async Task RunAsync(StackExchange.Redis.IConnectionMultiplexer store, Dictionary<string, string> settings)
    {
        string prefix = RedisServerFixture.NewPrefix();
        var shares = new LeaseShares(store, prefix, Partitions);
        await using var receiver = await TestReceiver.StartAsync();
        var servers = (await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => ServerProcess.StartAsync(redis, prefix, output, settings)))).ToList();
        try
        {
            var holders = await shares.WaitForFairShareAsync(Markers(servers), TimeSpan.FromSeconds(30));
            var webhooks = await CreateWebhooksCoveringAsync(servers, holders, receiver);
            var expected = new HashSet<string>();

            // Before the kill: every instance delivers its own partitions' webhooks.
            await PublishAsync(servers, "p1", webhooks, expected);
            await WaitUntilEachInstanceDeliversAsync(servers, holders, webhooks, receiver);
            int beforeKill = receiver.All.Count;
            servers[1].Kill();
            await servers[1].DisposeAsync();
            await PublishAsync([servers[0], servers[2]], "p2", webhooks, expected);
            servers[1] = await ServerProcess.StartAsync(redis, prefix, output, settings);
            await shares.WaitForFairShareAsync(Markers(servers), TimeSpan.FromSeconds(30));

            // A fourth instance joins while delivery goes on, and takes its share.
            servers.Add(await ServerProcess.StartAsync(redis, prefix, output, settings));
            var four = await shares.WaitForFairShareAsync(Markers(servers), TimeSpan.FromSeconds(30));
            Assert.All(Markers(servers), m => Assert.Equal(Partitions / 4, four.Count(h => h!.Contains(m, StringComparison.Ordinal))));
            await PublishAsync([servers[3]], "p3", webhooks, expected);

            var delivered = await WaitForAllAsync(receiver, expected, TimeSpan.FromSeconds(60));
            int duplicates = receiver.All.Count - delivered.Count;
            int busiest = BusiestSecond(receiver.All);
            output.WriteLine($"scale-out: {expected.Count} acknowledged deliveries ({webhooks.Count} webhooks), {beforeKill} before the kill; " +
                $"all delivered, {duplicates} duplicates; busiest endpoint second {busiest} (bound {MaxPerSecond})");
            // Duplicates can only come from the killed instance's claims (16 per webhook at most).
            Assert.InRange(duplicates, 0, 16 * webhooks.Count);
            Assert.InRange(busiest, 1, MaxPerSecond);
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static List<string> Markers(IEnumerable<ServerProcess> servers) => servers.Select(s => LeaseShares.ProcessMarker(s.Id)).ToList();

    /// <summary>Webhooks on paths <c>/hook/N</c> until every instance holds the partition of at least one.</summary>
    private static async Task<List<(string Id, string Path)>> CreateWebhooksCoveringAsync(
        List<ServerProcess> servers, string?[] holders, TestReceiver receiver)
    {
        using var api = new HttpClient { BaseAddress = servers[0].Http };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", DispatcherTestServer.ApiKey);
        var map = new PartitionMap(Partitions);
        var webhooks = new List<(string Id, string Path)>();
        bool Covered() => Markers(servers).All(m => webhooks.Any(w => holders[map.PartitionOf(w.Id)]!.Contains(m, StringComparison.Ordinal)));
        for (int i = 0; i < MaxWebhooks && !Covered(); i++)
        {
            // Standard Webhooks sets no timeout of its own, so the short deployment one applies.
            var created = await api.CreateFormatWebhookAsync(receiver.Url($"/hook/{i}"), "standard-webhooks", "link.clicked");
            webhooks.Add((created.Id, $"/hook/{i}"));
        }
        Assert.True(Covered(), $"{webhooks.Count} webhooks did not cover every instance's partitions");
        return webhooks;
    }

    /// <summary>Publishes a phase's events round-robin through <paramref name="through"/>; each acknowledged event is expected at every webhook.</summary>
    private static async Task PublishAsync(IReadOnlyList<ServerProcess> through, string phase, List<(string Id, string Path)> webhooks, HashSet<string> expected)
    {
        var publishers = through.Select(s => new DispatcherPublisher(new PublisherOptions { Address = s.Grpc, ProducerKey = DispatcherTestServer.ProducerKey })).ToList();
        try
        {
            var acks = await Task.WhenAll(Enumerable.Range(0, EventsPerPhase).Select(i =>
                publishers[i % publishers.Count].PublishAsync(TestEvents.Create($"evt_{phase}_{i}"))));
            Assert.All(acks, a => Assert.Equal(PublishStatus.Accepted, a.Status));
            foreach (var (_, path) in webhooks)
            {
                expected.UnionWith(Enumerable.Range(0, EventsPerPhase).Select(i => $"{path} evt_{phase}_{i}"));
            }
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Until each instance has delivered to one of its webhooks, and every webhook has had more than a
    /// first claim's worth (a pump's first claim of a webhook lasts as long as the slowest format needs).
    /// </summary>
    private static async Task WaitUntilEachInstanceDeliversAsync(
        List<ServerProcess> servers, string?[] holders, List<(string Id, string Path)> webhooks, TestReceiver receiver)
    {
        var map = new PartitionMap(Partitions);
        var pathsOf = Markers(servers).Select(m => webhooks.Where(w => holders[map.PartitionOf(w.Id)]!.Contains(m, StringComparison.Ordinal)).Select(w => w.Path).ToHashSet()).ToList();
        while (!pathsOf.All(paths => receiver.All.Any(r => paths.Contains(r.Path)))
            || webhooks.Any(w => receiver.All.Count(r => r.Path == w.Path) < 2 * 16))
        {
            await receiver.NextAsync(TimeSpan.FromSeconds(20));
        }
    }

    private static async Task<HashSet<string>> WaitForAllAsync(TestReceiver receiver, HashSet<string> expected, TimeSpan timeout)
    {
        var delivered = receiver.All.Select(Key).ToHashSet();
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!expected.IsSubsetOf(delivered))
        {
            try
            {
                delivered.Add(Key(await receiver.NextAsync(deadline - DateTimeOffset.UtcNow)));
            }
            catch (Exception ex) when (ex is TimeoutException or ArgumentOutOfRangeException)
            {
                var missing = expected.Except(delivered).ToList();
                Assert.Fail($"{missing.Count} of {expected.Count} acknowledged deliveries missing after {timeout}: " +
                    string.Join(", ", missing.GroupBy(m => m.Split(' ')[0]).Select(g => $"{g.Key} {g.Count()} (e.g. {g.First()})")));
            }
        }
        return delivered;
    }

    private static string Key(ReceivedRequest request) => $"{request.Path} {request.Header("webhook-id")}";

    /// <summary>The most requests one endpoint received within any one second (measured at the receiver).</summary>
    private static int BusiestSecond(IReadOnlyList<ReceivedRequest> requests) =>
        requests.GroupBy(r => r.Path).Select(g =>
        {
            var times = g.Select(r => r.ReceivedAt).Order().ToArray();
            int best = 0;
            for (int i = 0, j = 0; i < times.Length; i++)
            {
                while (times[i] - times[j] >= TimeSpan.FromSeconds(1))
                {
                    j++;
                }
                best = Math.Max(best, i - j + 1);
            }
            return best;
        }).DefaultIfEmpty(0).Max();
}
