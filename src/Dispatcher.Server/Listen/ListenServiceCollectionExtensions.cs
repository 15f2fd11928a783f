using Dispatcher.Engine.Attempts;
using Dispatcher.Redis.Listen;

namespace Dispatcher.Server.Listen;

/// <summary>Registers <c>dispatcher listen</c>'s server side.</summary>
public static class ListenServiceCollectionExtensions
{
    public static IServiceCollection AddCliListen(this IServiceCollection services)
    {
        services.AddSingleton<ListenRegistry>();
        services.AddSingleton<ListenRelay>();
        services.AddSingleton<RelayedAttempts>();
        services.AddSingleton<ListenSessions>();
        services.AddHostedService<ListenRelayInbox>();
        services.AddSingleton<IDeliveryTransport>(sp => sp.GetRequiredService<ListenSessions>());
        return services;
    }
}
