using Dispatcher.Engine;
using Dispatcher.Engine.Attempts;
using Dispatcher.Engine.Configuration;
using Dispatcher.Engine.Holds;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Hosting;

public static class EngineRegistration
{
    /// <summary>
    /// The delivery engine, with its settings taken from the <c>Dispatcher</c> section and this host's
    /// seams: where a truncated delivery's event is fetched. Listen adds its transport itself.
    /// </summary>
    public static IServiceCollection AddHostedEngine(this IServiceCollection services)
    {
        services.AddSingleton<IOptions<DeliveryOptions>>(sp => Options.Create(sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Delivery));
        services.AddSingleton<IOptions<PartitionOptions>>(sp => Options.Create(sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Partitions));
        services.AddSingleton<IOptions<SecretHoldOptions>>(sp => Options.Create(new SecretHoldOptions
        {
            UnreadableRecheck = sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Secrets.UnreadableRecheck,
        }));
        services.AddSingleton<IOptions<EventRetentionOptions>>(sp => Options.Create(new EventRetentionOptions
        {
            Bodies = sp.GetRequiredService<IOptions<DispatcherOptions>>().Value.Ingest.DedupeWindow,
        }));
        services.AddSingleton<IEventUrls, EventUrls>();
        services.AddDeliveryEngine();
        return services;
    }
}
