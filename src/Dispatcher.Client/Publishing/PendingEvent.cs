using Dispatcher.Protocol.V1;

namespace Dispatcher.Client.Publishing;

/// <summary>An event waiting to be sent, and the caller waiting for its acknowledgement.</summary>
internal sealed record PendingEvent(Event Event, TaskCompletionSource<PublishResult> Waiter);
