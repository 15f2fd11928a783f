namespace Dispatcher.Redis.Notifications;

/// <summary>What a consumer's claim on one notification entry found (note_claim.lua).</summary>
public enum NoteClaimState
{
    /// <summary>The caller holds the entry now and must handle it, then finish or retry it.</summary>
    Taken,

    /// <summary>Another instance holds it, or its retry is not due yet.</summary>
    Wait,

    /// <summary>Handled already.</summary>
    Done,

    /// <summary>
    /// Its holder's lease ran out mid-handling, and the consumer is at-most-once (email): whether the
    /// holder finished is unknown, so it is settled, never handled twice.
    /// </summary>
    Abandoned,
}
