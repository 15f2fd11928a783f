using System.Text;

namespace Dispatcher.Core.Partitioning;

/// <summary>
/// Maps a webhook to one of a fixed number of partitions. The hash must never change: the
/// partition is part of every Redis key the webhook's work lives under.
/// </summary>
public sealed class PartitionMap(int count)
{
    public int Count { get; } = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count));

    public int PartitionOf(string webhookId) => (int)(Fnv1a(webhookId) % (uint)Count);

    // FNV-1a over UTF-8: tiny, stable across processes and platforms (string.GetHashCode is not).
    private static uint Fnv1a(string value)
    {
        uint hash = 2166136261;
        Span<byte> buffer = stackalloc byte[256];
        int length = Encoding.UTF8.GetBytes(value.AsSpan(0, Math.Min(value.Length, 64)), buffer);
        foreach (byte b in buffer[..length])
        {
            hash = (hash ^ b) * 16777619;
        }
        return hash;
    }
}
