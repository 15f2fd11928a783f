namespace Dispatcher.Testing;

/// <summary>
/// Errors the server logs rightly in more than one test's scene, as <c>ExpectErrors</c> filters. Each test
/// still says, beside its call, why the error is right there.
/// </summary>
public static class ServerErrors
{
    private const string HealthCheckService = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    /// <summary>The server's own line when its Redis connection drops (RedisConnectionMonitor, 5410).</summary>
    public static bool RedisConnectionLost(LoggedError e) => e.EventId.Name == "RedisConnectionLost";

    /// <summary>The health-check framework logs an Unhealthy result at Error: <paramref name="check"/>'s, only.</summary>
    public static Func<LoggedError, bool> Unhealthy(string check) => e =>
        e.Category == HealthCheckService && e.EventId.Name == "HealthCheckEnd" &&
        e.Message.StartsWith($"Health check {check} with status Unhealthy", StringComparison.Ordinal);
}
