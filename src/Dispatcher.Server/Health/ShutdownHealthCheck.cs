using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dispatcher.Server.Health;

/// <summary>Not ready once shutdown has begun, so a load balancer stops sending work here first.</summary>
public sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("shutting down")
            : HealthCheckResult.Healthy());
}
