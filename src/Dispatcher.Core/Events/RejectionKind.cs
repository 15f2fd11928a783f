namespace Dispatcher.Core.Events;

/// <summary>The fixed list of ingest rejections; mirrors the protocol's RejectReason.</summary>
public enum RejectionKind
{
    MissingId,
    InvalidId,
    MissingWorkspace,
    InvalidWorkspace,
    UnknownEventType,
    InvalidData,
    PayloadTooLarge,
    InvalidCreatedAt,
    WorkspaceNotAllowed,
    TooManyEvents,
}
