using Dispatcher.Protocol.V1;

namespace Dispatcher.Client.Publishing;

/// <summary>An event waiting to be sent, its size in a request, and the caller waiting for its acknowledgement.</summary>
internal sealed record PendingEvent(Event Event, int Size, TaskCompletionSource<PublishResult> Waiter);
