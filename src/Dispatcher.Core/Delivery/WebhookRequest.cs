namespace Dispatcher.Core.Delivery;

/// <summary>One signed POST, ready to send.</summary>
public sealed record WebhookRequest(
    Uri Endpoint,
    ReadOnlyMemory<byte> Body,
    IReadOnlyList<KeyValuePair<string, string>> Headers);
