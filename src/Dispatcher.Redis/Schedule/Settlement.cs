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
    /// <summary>Handed back unattempted (e.g. the webhook is paused); no attempt counted.</summary>
    Release,
    /// <summary>410 Gone: the webhook is disabled and the delivery waits for it to be enabled.</summary>
    Disable,
}
