namespace Dispatcher.Client.Publishing;

/// <summary>
/// The server refused the stream for a reason retrying cannot fix (a wrong producer key). Every
/// pending and later publish fails with it. A request the server finds too long or too large is
/// not such a reason: only its own events fail (PublishResult with TOO_MANY_EVENTS or REQUEST_TOO_LARGE).
/// </summary>
public sealed class PublisherFaultedException(string message, Exception inner) : Exception(message, inner);
