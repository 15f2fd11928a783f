namespace Dispatcher.Redis.Stats;

/// <summary>
/// A webhook's last 24 h: attempts made, how many succeeded, their ratio (null without attempts), and
/// when its latest attempt was made (null when none is remembered: none within the delivery log's retention).
/// </summary>
public sealed record WebhookActivity(long Attempts, long Succeeded, double? SuccessRate, DateTimeOffset? LastDeliveryAt)
{
    /// <summary>A webhook that made no attempt in the last 24 h and has none on record.</summary>
    public static WebhookActivity None { get; } = new(0, 0, null, null);
}
