namespace Dispatcher.Server.Configuration;

/// <summary>How delivery work is split.</summary>
public sealed class PartitionOptions
{
    /// <summary>Number of partitions webhooks hash to. Fixed for a deployment's lifetime. Default 64.</summary>
    public int Count { get; set; } = 64;
}
