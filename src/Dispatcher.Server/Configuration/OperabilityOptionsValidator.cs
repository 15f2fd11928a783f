namespace Dispatcher.Server.Configuration;

/// <summary>The telemetry and embedded-store settings' share of <see cref="DispatcherOptionsValidator"/>.</summary>
public static class OperabilityOptionsValidator
{
    public static void Validate(DispatcherOptions options, List<string> errors)
    {
        if (options.Telemetry.SampleInterval < TimeSpan.FromMilliseconds(100))
        {
            errors.Add("Dispatcher:Telemetry:SampleInterval must be at least 100 ms");
        }
        if (options.Telemetry.OtlpEndpoint is { } otlp && (!otlp.IsAbsoluteUri || otlp.Scheme is not ("http" or "https")))
        {
            errors.Add("Dispatcher:Telemetry:OtlpEndpoint must be an absolute http:// or https:// URL");
        }
        if (options.EmbeddedStore.Port is < 0 or > 65535)
        {
            errors.Add("Dispatcher:EmbeddedStore:Port must be between 0 and 65535");
        }
        if (string.IsNullOrWhiteSpace(options.EmbeddedStore.DataPath))
        {
            errors.Add("Dispatcher:EmbeddedStore:DataPath must not be empty");
        }
    }
}
