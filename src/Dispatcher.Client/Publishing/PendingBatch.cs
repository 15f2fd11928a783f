using Dispatcher.Protocol.V1;

namespace Dispatcher.Client.Publishing;

/// <summary>One request on the stream and the callers waiting for its acknowledgements.</summary>
internal sealed record PendingBatch(PublishRequest Request, List<TaskCompletionSource<PublishResult>> Waiters);
