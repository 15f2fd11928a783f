using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Dispatcher.Server.Health;

/// <summary>
/// <c>/healthz</c>: the process is alive (no dependency is checked, so a Redis outage never gets
/// it restarted). <c>/readyz</c>: it can take and deliver work. The standard gRPC health service
/// reports the same readiness.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static void AddDispatcherHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag])
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [ReadyTag])
            .AddCheck<LeaseHealthCheck>("leases", tags: [ReadyTag]);
        services.AddGrpcHealthChecks(o => o.Services.Map("", check => check.Tags.Contains(ReadyTag)));
    }

    public static void MapDispatcherHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        routes.MapGrpcHealthChecksService();
    }
}
