using Dispatcher.Protocol.V1;

namespace Dispatcher.Client.Publishing;

/// <summary>The server's acknowledgement of one event.</summary>
/// <param name="Id">The event id.</param>
/// <param name="WorkspaceId">The event's workspace.</param>
/// <param name="Status">Accepted, duplicate or rejected.</param>
/// <param name="Reason">Why it was rejected; <see cref="RejectReason.Unspecified"/> otherwise.</param>
/// <param name="Message">A human-readable explanation, empty when accepted.</param>
public sealed record PublishResult(string Id, string WorkspaceId, PublishStatus Status, RejectReason Reason, string Message)
{
    internal static PublishResult From(EventAck ack) => new(
        ack.Id,
        ack.WorkspaceId,
        ack.Status switch
        {
            AckStatus.Accepted => PublishStatus.Accepted,
            AckStatus.Duplicate => PublishStatus.Duplicate,
            _ => PublishStatus.Rejected,
        },
        ack.Reason,
        ack.Message);
}
