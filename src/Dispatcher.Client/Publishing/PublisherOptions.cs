namespace Dispatcher.Client.Publishing;

/// <summary>Settings of a <see cref="DispatcherPublisher"/>.</summary>
public sealed class PublisherOptions
{
    /// <summary>The server's gRPC address, e.g. <c>http://127.0.0.1:8081</c>.</summary>
    public required Uri Address { get; init; }

    /// <summary>The producer key, sent as <c>authorization: Bearer &lt;key&gt;</c>.</summary>
    public required string ProducerKey { get; init; }

    /// <summary>Most events in one request on the stream. Default 500 (the server takes up to its Dispatcher:Ingest:MaxEventsPerRequest, default 1,000).</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>
    /// Most bytes (serialized) in one request on the stream; a batch closes at whichever of this and
    /// <see cref="MaxBatchSize"/> it reaches first. Default 4 MiB: far under the server's receive
    /// limit at its defaults (docs/api.md, "Ingest limits"), and small enough that one request does
    /// not hold the stream up for long. Must leave room for one event of <see cref="MaxEventBytes"/>.
    /// </summary>
    public int MaxBatchBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// Largest <c>data</c> the publisher sends: a larger event is refused at once with an
    /// <see cref="ArgumentException"/>. Default 256 KiB, the server's default Dispatcher:Ingest:MaxEventBytes;
    /// set it to the server's value if that was changed.
    /// </summary>
    public int MaxEventBytes { get; init; } = 256 * 1024;

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
