using Dispatcher.Core.Partitioning;

namespace Dispatcher.Core.Tests.Partitioning;

public sealed class PartitionMapTests
{
    [Fact]
    public void The_hash_never_changes_because_queued_work_is_keyed_by_it()
    {
        var map = new PartitionMap(64);

        // Pinned: a different hash would strand every queued delivery of an existing deployment.
        Assert.Equal([58, 39, 48], new[] { map.PartitionOf("wh_a"), map.PartitionOf("wh_b"), map.PartitionOf("wh_9f6n3dcpcoeosu7bwvz0") });
    }

    [Fact]
    public void Webhooks_spread_evenly_over_the_partitions()
    {
        var map = new PartitionMap(64);
        var counts = new int[64];
        for (int i = 0; i < 10_000; i++)
        {
            counts[map.PartitionOf($"wh_{Guid.NewGuid():N}")]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 100, 220));
    }

    [Fact]
    public void An_events_home_is_pinned_and_hashes_its_key_names_whole_tail()
    {
        var map = new PartitionMap(64);

        // Pinned like webhooks: a different home would make every stored event look new again.
        Assert.Equal([52, 29], new[] { map.HomeOf("ws_a", "evt_1"), map.HomeOf("acme%3Aeu", "1") });
        // Ids longer than the 64 characters PartitionOf reads still spread by what follows them.
        string stem = new('x', 100);
        Assert.True(Enumerable.Range(0, 20).Select(i => map.HomeOf("ws_a", stem + i)).Distinct().Count() > 1);
    }

    [Fact]
    public void A_count_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionMap(0));
    }
}
