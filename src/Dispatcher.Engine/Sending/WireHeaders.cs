namespace Dispatcher.Engine.Sending;

/// <summary>
/// The exact headers an attempt carries, in one list built once per attempt: the content type, the
/// format's (signature, id, timestamp) and <see cref="AttemptHeaders"/>. Every transport sends this
/// list as it is and the delivery log records it, so the log shows what the receiver got.
/// </summary>
public static class WireHeaders
{
    public const string ContentType = "Content-Type";

    public static IReadOnlyList<KeyValuePair<string, string>> Of(IEnumerable<KeyValuePair<string, string>> formatHeaders, string userAgent) =>
        [new(ContentType, "application/json"), .. formatHeaders, .. AttemptHeaders.Of(userAgent)];
}
