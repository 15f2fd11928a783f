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
    public void A_count_below_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionMap(0));
    }
}
