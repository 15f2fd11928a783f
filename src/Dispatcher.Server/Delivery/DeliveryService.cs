using Dispatcher.Core.Partitioning;

namespace Dispatcher.Server.Delivery;

/// <summary>
/// Owns the partition pumps: one per partition this instance serves. Alone, it serves them all.
/// Stopping cancels them; work they had claimed but not settled is delivered again after its
/// claim deadline (at least once).
/// </summary>
public sealed class DeliveryService(IServiceProvider services, PartitionMap partitions) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, partitions.Count).Select(p =>
        {
            var pump = ActivatorUtilities.CreateInstance<PartitionPump>(services, p);
            return Task.Run(() => pump.RunAsync(stoppingToken), CancellationToken.None);
        }));
}
