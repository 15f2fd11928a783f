namespace Dispatcher.Redis.Schedule;

/// <summary>What asking for a delivery to be sent again did (see replay.lua).</summary>
public enum ReplayResult
{
    /// <summary>Due now (a pending retry of it was re-scored, not doubled).</summary>
    Queued,
    /// <summary>Its event's body is past its retention: nothing is left to send.</summary>
    Expired,
    /// <summary>The webhook was deleted (its hold is the tombstone): nothing was queued.</summary>
    WebhookDeleted,
}
