namespace Dispatcher.Server.Listen;

/// <summary>Registers <c>dispatcher listen</c>'s server side.</summary>
public static class ListenServiceCollectionExtensions
{
    public static IServiceCollection AddCliListen(this IServiceCollection services)
    {
        services.AddSingleton<ListenSessions>();
        services.AddSingleton<DeliveryTransport>();
        return services;
    }
}
