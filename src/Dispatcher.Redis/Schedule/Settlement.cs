namespace Dispatcher.Redis.Schedule;

/// <summary>How a claimed delivery leaves the claim (see settle.lua).</summary>
public enum Settlement
{
    /// <summary>Delivered: removed from the schedule.</summary>
    Done,
    /// <summary>Re-scored at the next step of the retry schedule; one more attempt counted.</summary>
    Retry,
    /// <summary>Out of attempts: removed from the schedule.</summary>
    Failed,
    /// <summary>The receiver asked to wait (Retry-After): the webhook is held until then; no attempt counted.</summary>
    Pause,
    /// <summary>
    /// Handed back unattempted (e.g. the webhook is paused); no attempt counted. Also how a 410 leaves
    /// its delivery: the disable itself is the hold written with its status sequence (hold.lua), never
    /// a settlement, so a later enable cannot be undone by a settle that arrives after it.
    /// </summary>
    Release,
}
