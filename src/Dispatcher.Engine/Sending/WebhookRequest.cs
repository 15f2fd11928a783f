namespace Dispatcher.Engine.Sending;

/// <summary>One signed POST, ready to send, with every header it is sent with (<see cref="WireHeaders"/>).</summary>
public sealed record WebhookRequest(
    Uri Endpoint,
    ReadOnlyMemory<byte> Body,
    IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>This attempt's timeout (the webhook's format may set its own); null uses the sender's default.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Names among <see cref="Headers"/> whose values the delivery log must not show (the webhook's custom headers).</summary>
    public IReadOnlySet<string> RedactedHeaders { get; init; } = EmptyNames;

    private static readonly IReadOnlySet<string> EmptyNames = new HashSet<string>();
}
