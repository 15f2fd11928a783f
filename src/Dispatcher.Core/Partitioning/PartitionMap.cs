using System.Buffers;
using System.Text;

namespace Dispatcher.Core.Partitioning;

/// <summary>
/// Maps a webhook to one of a fixed number of partitions, and an event to its home partition. The
/// hashes must never change: the partition is part of every Redis key the work lives under.
/// </summary>
public sealed class PartitionMap(int count)
{
    public int Count { get; } = count > 0 ? count : throw new ArgumentOutOfRangeException(nameof(count));

    public int PartitionOf(string webhookId) => (int)(Fnv1a(webhookId.AsSpan(0, Math.Min(webhookId.Length, 64))) % (uint)Count);

    /// <summary>
    /// The event's home partition, whose body key is always written and is the event's dedupe
    /// marker. It hashes the whole of <c>W:EVT</c>, the tail of the event's key name, so two events
    /// never share the string hashed and the home can be computed from a key name alone.
    /// </summary>
    /// <param name="workspaceKeyPart">The workspace as key names hold it (escaped by <c>Dispatcher.Redis.KeyPart.Encode</c>).</param>
    /// <param name="eventId">The event id, as it is.</param>
    public int HomeOf(string workspaceKeyPart, string eventId) => (int)(Fnv1a($"{workspaceKeyPart}:{eventId}") % (uint)Count);

    // FNV-1a over UTF-8: tiny, stable across processes and platforms (string.GetHashCode is not).
    private static uint Fnv1a(ReadOnlySpan<char> value)
    {
        uint hash = 2166136261;
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = max > 256 ? ArrayPool<byte>.Shared.Rent(max) : null;
        Span<byte> buffer = rented ?? stackalloc byte[256];
        int length = Encoding.UTF8.GetBytes(value, buffer);
        foreach (byte b in buffer[..length])
        {
            hash = (hash ^ b) * 16777619;
        }
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
        return hash;
    }
}
