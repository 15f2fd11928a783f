using System.Text;

namespace Dispatcher.Core.Partitioning;

/// <summary>
/// Splits the partitions between the live instances without them talking: every instance that
/// sees the same member list computes the same answer. Each partition ranks the members by a
/// rendezvous hash of (partition, member); pairs are taken best first while the member has room,
/// and room is the fair share (partitions ÷ members, the remainder going one each to the first
/// members to reach the floor). So shares differ by at most one, and a member joining or leaving
/// moves few partitions besides its own share.
/// </summary>
public static class PartitionAssignment
{
    /// <summary>The partitions <paramref name="self"/> should hold; empty when it is not a member.</summary>
    public static IReadOnlySet<int> For(int partitions, IReadOnlyCollection<string> members, string self)
    {
        var owners = Assign(partitions, members);
        var mine = new HashSet<int>();
        for (int p = 0; p < owners.Length; p++)
        {
            if (owners[p] == self)
            {
                mine.Add(p);
            }
        }
        return mine;
    }

    /// <summary>Each partition's owner (null entries only when there are no members).</summary>
    public static string?[] Assign(int partitions, IReadOnlyCollection<string> members)
    {
        var owners = new string?[partitions];
        var distinct = members.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            return owners;
        }
        int floor = partitions / distinct.Length, extra = partitions % distinct.Length;
        var pairs = new List<(ulong Score, int Partition, int Member)>(partitions * distinct.Length);
        var memberHashes = distinct.Select(Hash).ToArray();
        for (int p = 0; p < partitions; p++)
        {
            for (int m = 0; m < distinct.Length; m++)
            {
                pairs.Add((Mix(memberHashes[m] ^ Mix((ulong)p + 0x9E3779B97F4A7C15UL)), p, m));
            }
        }
        // Ties (astronomically rare) fall back to partition then member order, so the sort is total.
        pairs.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Partition != b.Partition ? a.Partition.CompareTo(b.Partition) : a.Member.CompareTo(b.Member));
        var counts = new int[distinct.Length];
        int atCeiling = 0;
        foreach (var (_, p, m) in pairs)
        {
            if (owners[p] is not null)
            {
                continue;
            }
            if (counts[m] < floor || (counts[m] == floor && atCeiling < extra))
            {
                if (counts[m] == floor)
                {
                    atCeiling++;
                }
                counts[m]++;
                owners[p] = distinct[m];
            }
        }
        return owners;
    }

    // FNV-1a 64 over UTF-8: stable across processes (string.GetHashCode is randomised per process).
    private static ulong Hash(string value)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return Mix(hash);
    }

    // A 64-bit finaliser (splitmix64) so nearby partition numbers give unrelated rankings.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
