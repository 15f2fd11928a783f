namespace Dispatcher.Engine.Sending;

/// <summary>How Dispatcher talks to customer endpoints.</summary>
public sealed class OutboundHttpOptions
{
    /// <summary>Per-request timeout, from sending to the last byte read. Default 10 s (CD4CD's).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>TCP + TLS connect timeout. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a pooled connection lives, so DNS changes are picked up. Default 2 min.</summary>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How much of a response body is kept for the delivery log. Default 4 KB.</summary>
    public int MaxResponseBodyBytes { get; set; } = 4096;

    /// <summary>Sent as User-Agent on every delivery.</summary>
    public string UserAgent { get; set; } = "Dispatcher-Webhooks/1.0";
}
