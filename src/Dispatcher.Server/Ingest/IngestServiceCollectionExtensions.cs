using Dispatcher.Core.Partitioning;
using Dispatcher.Redis;
using Dispatcher.Redis.Ingest;
using Dispatcher.Server.Configuration;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// The gRPC ingest stream and what it writes with. Binds the stream (<see cref="IngestMethodProvider"/>)
    /// and sets its receive limit to <see cref="IngestOptions.MaxRequestBytes"/> (gRPC's default 4 MB
    /// would refuse a request holding a few events of the largest allowed size). Only ingest: the other
    /// services keep gRPC's default. Ingest writes on <see cref="IngestConnection"/>.
    /// </summary>
    public static IServiceCollection AddIngest(this IServiceCollection services)
    {
        services.AddSingleton<IngestConnection>();
        services.AddSingleton(sp => new IngestStore(
            sp.GetRequiredService<IngestConnection>().Multiplexer, sp.GetRequiredService<RedisKeys>(), sp.GetRequiredService<PartitionMap>(),
            sp.GetService<IDirectClaims>()));
        services.AddSingleton<SubscriptionCache>();
        services.AddSingleton<IngestPipeline>();
        // Registered first, so the service's own limit below is applied after gRPC copies its global options in.
        services.AddGrpc();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<EventIngestService>, IngestMethodProvider>());
        services.AddOptions<GrpcServiceOptions<EventIngestService>>()
            .Configure<IOptions<DispatcherOptions>>((grpc, dispatcher) =>
                grpc.MaxReceiveMessageSize = dispatcher.Value.Ingest.MaxRequestBytes);
        return services;
    }
}
