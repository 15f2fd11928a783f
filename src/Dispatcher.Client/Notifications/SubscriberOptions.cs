namespace Dispatcher.Client.Notifications;

/// <summary>Settings of a <see cref="NotificationSubscriber"/>.</summary>
public sealed class SubscriberOptions
{
    /// <summary>The server's gRPC address, e.g. <c>http://127.0.0.1:8081</c>.</summary>
    public required Uri Address { get; init; }

    /// <summary>The producer key, sent as <c>authorization: Bearer &lt;key&gt;</c>.</summary>
    public required string ProducerKey { get; init; }

    /// <summary>Only these workspaces; empty (default) means every workspace the producer key may see.</summary>
    public IReadOnlyList<string> Workspaces { get; init; } = [];

    /// <summary>
    /// Resume after this cursor: the <see cref="NotificationSubscriber.Cursor"/> (or a notification's
    /// <c>Cursor</c>) a previous subscriber saved once it had handled what came before. Null (default): from now.
    /// </summary>
    public string? Cursor { get; init; }

    /// <summary>Longest wait between reconnect attempts while the server is unavailable. Default 5 s.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Optional: the HTTP handler for the gRPC channel (tests, proxies). Default: a new SocketsHttpHandler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }
}
