namespace Dispatcher.Redis.Deliveries;

/// <summary>How much of a webhook's delivery log is kept: its last <paramref name="Deliveries"/> deliveries (each with all its attempts), for <paramref name="Retention"/> after its last write.</summary>
public sealed record DeliveryLogLimits(int Deliveries, TimeSpan Retention)
{
    public static DeliveryLogLimits Default { get; } = new(500, TimeSpan.FromDays(30));
}
