using Dispatcher.Core.Partitioning;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// Owns the partition pumps: one per partition this instance serves. Alone, it serves them all;
/// stopping cancels them and waits for their in-flight attempts to settle.
/// </summary>
public sealed class DeliveryService(PartitionPump pump, PartitionMap partitions) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, partitions.Count).Select(p => Task.Run(() => pump.RunAsync(p, stoppingToken), CancellationToken.None)));
}
