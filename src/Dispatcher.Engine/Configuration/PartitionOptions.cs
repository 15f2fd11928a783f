namespace Dispatcher.Engine.Configuration;

/// <summary>How delivery work is split.</summary>
public sealed class PartitionOptions
{
    /// <summary>Number of partitions webhooks hash to. Fixed for a deployment's lifetime. Default 64.</summary>
    public int Count { get; set; } = 64;

    /// <summary>
    /// How long a partition lease lasts unless renewed (renewed every third of it). An instance that
    /// dies without releasing its leases has its partitions taken over this long after. Default 15 s.
    /// </summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long an instance waits before delivering a partition it took over from an instance
    /// that let the lease expire (crashed, or cut off from Redis) rather than handing it back.
    /// Default: <c>Dispatcher:Delivery:RequestTimeout</c>. A graceful hand-back needs no wait.
    /// </summary>
    public TimeSpan? TakeoverDelay { get; set; }
}
