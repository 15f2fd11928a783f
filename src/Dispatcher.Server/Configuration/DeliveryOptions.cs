namespace Dispatcher.Server.Configuration;

/// <summary>How deliveries are sent and retried.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Per-request timeout. Default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delays between attempts, in seconds. Default CD4CD's 60, 300, 900, 3600, 21600, 86400.</summary>
    public List<int> RetrySchedule { get; set; } = [];

    /// <summary>
    /// How long a claimed delivery stays invisible to other pumps. Past it, an unsettled claim is
    /// delivered again (the holder died). Must exceed the request timeout. Default 60 s.
    /// </summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often an idle partition looks for due work it was not told about. Default 1 s.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
}
