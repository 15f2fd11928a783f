using Dispatcher.Redis.Aggregation;

namespace Dispatcher.Server.Aggregation;

/// <summary>Registers click aggregation: the ingest-side counter and the window closer.</summary>
public static class AggregationServiceCollectionExtensions
{
    public static IServiceCollection AddClickAggregation(this IServiceCollection services)
    {
        services.AddSingleton<AggregationKeys>();
        services.AddSingleton<AggregationStore>();
        services.AddSingleton<ClickCounter>();
        services.AddSingleton<WindowCloser>();
        services.AddHostedService(sp => sp.GetRequiredService<WindowCloser>());
        return services;
    }
}
