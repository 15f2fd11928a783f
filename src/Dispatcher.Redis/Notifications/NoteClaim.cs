namespace Dispatcher.Redis.Notifications;

/// <summary>A claim's outcome, and how many attempts at the entry failed before (for the backoff).</summary>
public sealed record NoteClaim(NoteClaimState State, int FailedAttempts);
