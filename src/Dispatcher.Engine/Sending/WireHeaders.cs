namespace Dispatcher.Engine.Sending;

/// <summary>
/// The exact headers an attempt carries, in one list built once per attempt: the content type, the
/// format's (signature, id, timestamp), the webhook's custom headers and <see cref="AttemptHeaders"/>. Every transport sends this
/// list as it is and the delivery log records it, so the log shows what the receiver got.
/// </summary>
public static class WireHeaders
{
    public const string ContentType = "Content-Type";

    /// <param name="customHeaders">The webhook's own (<c>Webhook.Headers</c>); the API refused any name
    /// this list sets otherwise (<c>ReservedHeaders</c>), so none is sent twice.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Of(
        IEnumerable<KeyValuePair<string, string>> formatHeaders, IEnumerable<KeyValuePair<string, string>> customHeaders, string userAgent) =>
        [new(ContentType, "application/json"), .. formatHeaders, .. customHeaders, .. AttemptHeaders.Of(userAgent)];
}
