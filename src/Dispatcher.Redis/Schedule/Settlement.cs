namespace Dispatcher.Redis.Schedule;

/// <summary>How a claimed delivery leaves the claim.</summary>
public enum Settlement
{
    /// <summary>Delivered: removed from the schedule.</summary>
    Done,
    /// <summary>Re-scored at the next step of the retry schedule.</summary>
    Retry,
    /// <summary>Out of attempts: removed from the schedule.</summary>
    Failed,
}
