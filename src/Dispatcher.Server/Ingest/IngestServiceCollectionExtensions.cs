using Dispatcher.Server.Configuration;
using Grpc.AspNetCore.Server;
using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Ingest;

public static class IngestServiceCollectionExtensions
{
    /// <summary>
    /// Binds the ingest stream (<see cref="IngestMethodProvider"/>) and sizes the ingest stream's receive limit from the ingest options (gRPC's default 4 MB would
    /// refuse a batch of valid events). Only ingest: the other services keep gRPC's default.
    /// Call after <c>AddGrpc</c>, so this runs after the global options are copied in.
    /// </summary>
    public static IServiceCollection AddIngestLimits(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<EventIngestService>, IngestMethodProvider>());
        services.AddOptions<GrpcServiceOptions<EventIngestService>>()
            .Configure<IOptions<DispatcherOptions>>((grpc, dispatcher) =>
                grpc.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, IngestLimits.MaxRequestBytes(dispatcher.Value.Ingest)));
        return services;
    }
}
