using Dispatcher.Server.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Dispatcher.Server.Observability;

/// <summary>
/// OpenTelemetry metrics: the Dispatcher meter, exposed for Prometheus at <c>/metrics</c> and
/// pushed over OTLP when <c>Dispatcher:Telemetry:OtlpEndpoint</c> is set.
/// </summary>
public static class TelemetrySetup
{
    public static void AddDispatcherTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = builder.Configuration.GetSection($"{DispatcherOptions.Section}:Telemetry").Get<TelemetryOptions>()?.OtlpEndpoint;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dispatcher"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(DispatcherMetrics.MeterName).AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
    }

    public static void MapDispatcherTelemetry(this IEndpointRouteBuilder routes) => routes.MapPrometheusScrapingEndpoint("/metrics");
}
