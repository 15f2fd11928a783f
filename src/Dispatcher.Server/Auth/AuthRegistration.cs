namespace Dispatcher.Server.Auth;

public static class AuthRegistration
{
    /// <summary>Producer keys on every gRPC call (ingest, notifications, listen), checked by <see cref="ProducerKeyInterceptor"/>.</summary>
    public static IServiceCollection AddProducerKeys(this IServiceCollection services)
    {
        services.AddSingleton<ProducerKeyInterceptor>();
        services.AddGrpc(o => o.Interceptors.Add<ProducerKeyInterceptor>());
        return services;
    }
}
