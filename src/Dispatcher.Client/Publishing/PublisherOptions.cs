namespace Dispatcher.Client.Publishing;

/// <summary>Settings of a <see cref="DispatcherPublisher"/>.</summary>
public sealed class PublisherOptions
{
    /// <summary>The server's gRPC address, e.g. <c>http://127.0.0.1:8081</c>.</summary>
    public required Uri Address { get; init; }

    /// <summary>The producer key, sent as <c>authorization: Bearer &lt;key&gt;</c>.</summary>
    public required string ProducerKey { get; init; }

    /// <summary>Most events in one request on the stream. Default 500.</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>
    /// Most events sent but not yet acknowledged. Past it, <see cref="DispatcherPublisher.PublishAsync(Dispatcher.Protocol.V1.Event, CancellationToken)"/>
    /// waits: the back-pressure that keeps a fast producer from outrunning the server. Default 10,000.
    /// </summary>
    public int MaxUnacknowledged { get; init; } = 10_000;

    /// <summary>Longest wait between reconnect attempts while the server or its Redis is unavailable. Default 5 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Optional: the HTTP handler for the gRPC channel (tests, proxies). Default: a new SocketsHttpHandler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
