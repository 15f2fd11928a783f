namespace Dispatcher.Redis.Deliveries;

/// <summary>How much of a webhook's delivery log is kept: its last <paramref name="Deliveries"/> deliveries (each with all its attempts), for <paramref name="Retention"/> after its last write.</summary>
public sealed record DeliveryLogLimits(int Deliveries, TimeSpan Retention)
{
    /// <summary>
    /// How long a failure stays in a webhook's failed index (<see cref="RedisKeys.FailedDeliveries"/>): as long as
    /// event bodies live, since a delivery whose body is gone cannot be sent again. Default 7 days.
    /// </summary>
    public TimeSpan FailedRetention { get; init; } = TimeSpan.FromDays(7);

    public static DeliveryLogLimits Default { get; } = new(500, TimeSpan.FromDays(30));
}
