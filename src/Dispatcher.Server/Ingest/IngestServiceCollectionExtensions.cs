using Dispatcher.Server.Configuration;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Binds the ingest stream (<see cref="IngestMethodProvider"/>) and sets its receive limit to
    /// <see cref="IngestOptions.MaxRequestBytes"/> (gRPC's default 4 MB would refuse a request holding
    /// a few events of the largest allowed size). Only ingest: the other services keep gRPC's default.
    /// Call after <c>AddGrpc</c>, so this runs after the global options are copied in.
    /// </summary>
    public static IServiceCollection AddIngestLimits(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<EventIngestService>, IngestMethodProvider>());
        services.AddOptions<GrpcServiceOptions<EventIngestService>>()
            .Configure<IOptions<DispatcherOptions>>((grpc, dispatcher) =>
                grpc.MaxReceiveMessageSize = dispatcher.Value.Ingest.MaxRequestBytes);
        return services;
    }
}
