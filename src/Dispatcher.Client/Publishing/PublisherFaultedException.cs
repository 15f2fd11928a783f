namespace Dispatcher.Client.Publishing;

/// <summary>
/// The server refused the stream for a reason retrying cannot fix (a wrong producer key, an
/// oversized request). Every pending and later publish fails with it.
/// </summary>
public sealed class PublisherFaultedException(string message, Exception inner) : Exception(message, inner);
