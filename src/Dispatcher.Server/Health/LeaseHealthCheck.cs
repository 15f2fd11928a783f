using Dispatcher.Engine.Leases;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Health;

/// <summary>
/// Ready only while the lease loop works: Redis answered one of its renewal rounds within the
/// lease TTL, so this instance holds its partitions or could take free ones. A loop that never
/// ran (start-up, a wrong partition count) or keeps failing is not ready to deliver.
/// </summary>
public sealed class LeaseHealthCheck(LeaseTelemetry leases, IOptions<DispatcherOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var ttl = options.Value.Partitions.LeaseTtl;
        var result = leases.SinceLastRound switch
        {
            null => HealthCheckResult.Unhealthy("the lease loop has not completed a round yet"),
            { } since when since > ttl => HealthCheckResult.Unhealthy($"no lease renewal succeeded for {since.TotalSeconds:0} s"),
            _ => HealthCheckResult.Healthy($"holds {leases.HeldCount} partitions"),
        };
        return Task.FromResult(result);
    }
}
