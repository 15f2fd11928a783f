using Dispatcher.Engine.Telemetry;
using Dispatcher.Server.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dispatcher.Server.Observability;

/// <summary>
/// OpenTelemetry: the Dispatcher meter, exposed for Prometheus at <c>/metrics</c>, and the Dispatcher
/// activity source; both are pushed over OTLP when <c>Dispatcher:Telemetry:OtlpEndpoint</c> is set.
/// Tracing is on either way (without an exporter nothing leaves the process), so receivers always
/// get a <c>traceparent</c>.
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
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(DispatcherTracing.SourceName);
                if (otlp is { IsAbsoluteUri: true })
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            });
        builder.Services.AddSingleton<WebhookCensus>();
        builder.Services.AddHostedService<TelemetrySampler>();
        builder.Services.AddHostedService<RedisConnectionMonitor>();
    }

    public static void MapDispatcherTelemetry(this IEndpointRouteBuilder routes) => routes.MapPrometheusScrapingEndpoint("/metrics");
}
