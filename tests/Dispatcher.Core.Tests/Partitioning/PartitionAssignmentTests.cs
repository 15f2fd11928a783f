using Dispatcher.Core.Partitioning;

namespace Dispatcher.Core.Tests.Partitioning;

public sealed class PartitionAssignmentTests
{
    [Theory]
    [InlineData(8, 3)]
    [InlineData(8, 4)]
    [InlineData(64, 5)]
    [InlineData(3, 5)]
    public void Every_partition_has_one_owner_and_shares_differ_by_at_most_one(int partitions, int memberCount)
    {
        var members = Enumerable.Range(0, memberCount).Select(i => $"host:{1000 + i}:ab{i}").ToArray();

        var owners = PartitionAssignment.Assign(partitions, members);

        Assert.All(owners, o => Assert.Contains(o, members));
        var shares = members.Select(m => owners.Count(o => o == m)).ToArray();
        Assert.InRange(shares.Max() - shares.Min(), 0, 1);
        Assert.Equal(partitions, shares.Sum());
    }

    [Fact]
    public void Every_instance_computes_the_same_answer_whatever_order_it_lists_the_members_in()
    {
        string[] members = ["c:3:x", "a:1:x", "b:2:x"];

        var mine = members.Select(m => PartitionAssignment.For(64, members.Reverse().ToArray(), m)).ToArray();

        Assert.Equal(PartitionAssignment.Assign(64, members), PartitionAssignment.Assign(64, members.Order().ToArray()));
        Assert.Equal(64, mine.Sum(s => s.Count));
        Assert.Empty(mine[0].Intersect(mine[1]).Concat(mine[1].Intersect(mine[2])).Concat(mine[0].Intersect(mine[2])));
    }

    [Fact]
    public void A_member_joining_moves_little_more_than_its_own_share()
    {
        string[] three = ["a:1:x", "b:2:x", "c:3:x"];
        var before = PartitionAssignment.Assign(64, three);

        var after = PartitionAssignment.Assign(64, [.. three, "d:4:x"]);

        int moved = Enumerable.Range(0, 64).Count(p => before[p] != after[p]);
        // The newcomer's share is 16; a plain modulo split would move about 48.
        Assert.InRange(moved, 16, 24);
    }

    [Fact]
    public void A_non_member_gets_nothing_and_no_members_own_nothing()
    {
        Assert.Empty(PartitionAssignment.For(8, ["a:1:x"], "z:9:x"));
        Assert.All(PartitionAssignment.Assign(8, []), o => Assert.Null(o));
    }
}
