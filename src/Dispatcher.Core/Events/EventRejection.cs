namespace Dispatcher.Core.Events;

/// <summary>Why an event was refused at ingest, with a message for the producer.</summary>
public sealed record EventRejection(RejectionKind Kind, string Message);
