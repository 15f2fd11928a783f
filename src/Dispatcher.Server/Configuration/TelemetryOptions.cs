namespace Dispatcher.Server.Configuration;

/// <summary>Where metrics and traces go besides the Prometheus scrape endpoint (<c>/metrics</c>, always on).</summary>
public sealed class TelemetryOptions
{
    /// <summary>An OTLP collector (e.g. <c>http://otel-collector:4317</c>); unset, nothing is pushed. Default unset.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>
    /// How often the gauges sampled from Redis (backlog, oldest due delivery, webhooks by status,
    /// Redis round trip) are refreshed. At least 100 ms. Default 15 s.
    /// </summary>
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(15);
}
