namespace Dispatcher.Server.Api.Deliveries;

public static class DeliveryLogServiceCollectionExtensions
{
    /// <summary>The delivery log's search: paging with filters, recover, and an event's deliveries.</summary>
    public static IServiceCollection AddDeliveryLogSearch(this IServiceCollection services)
    {
        services.AddSingleton<DeliveryLogPager>();
        services.AddSingleton<DeliveryRecovery>();
        services.AddSingleton<EventDeliveryLookup>();
        return services;
    }
}
