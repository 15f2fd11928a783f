using Dispatcher.Redis.Limits;

namespace Dispatcher.Server.Api.Limits;

public static class SendLimitServiceCollectionExtensions
{
    /// <summary>The per-key limit of test, replay and recover calls (<c>Dispatcher:Limits:SendCallsPerWindow</c>).</summary>
    public static IServiceCollection AddSendLimits(this IServiceCollection services)
    {
        services.AddSingleton<CallLimitStore>();
        services.AddSingleton<SendLimiter>();
        return services;
    }
}
