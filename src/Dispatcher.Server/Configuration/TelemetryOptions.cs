namespace Dispatcher.Server.Configuration;

/// <summary>Where metrics go besides the Prometheus scrape endpoint (<c>/metrics</c>, always on).</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (e.g. <c>http://otel-collector:4317</c>); unset, nothing is pushed. Default unset.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
