namespace Dispatcher.Engine.Configuration;

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

    /// <summary>
    /// How much a retry delay may be lengthened at random, as a fraction, so retries of many
    /// deliveries do not arrive in lockstep. Jitter never shortens a delay. Default 0.1.
    /// </summary>
    public double RetryJitter { get; set; } = 0.1;

    /// <summary>Deliveries in a row that fail their whole schedule before the webhook is disabled. Default 5.</summary>
    public int DisableAfterFailures { get; set; } = 5;

    /// <summary>Longest pause a receiver's Retry-After (on 429 or 503) is honoured for. Default 1 h.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Sustained deliveries per second per webhook (every attempt counts). Default 50.</summary>
    public int RatePerSecond { get; set; } = 50;

    /// <summary>Extra deliveries a webhook may receive at once on top of the sustained rate. Default 10.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>Attempts in flight at once per webhook, so one slow answer does not stall its rate. Default 4.</summary>
    public int ConcurrencyPerEndpoint { get; set; } = 4;

    /// <summary>
    /// Claimed deliveries a webhook's channel holds. Small: the backlog waits in Redis, and what is
    /// claimed must be sent before its claim deadline. Default 16.
    /// </summary>
    public int EndpointQueueCapacity { get; set; } = 16;

    /// <summary>Attempts kept in each webhook's delivery log. Default 500 (Elido's).</summary>
    public int LogEntries { get; set; } = 500;

    /// <summary>How long a delivery log is kept after its last attempt. Default 30 days.</summary>
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Largest signed body sent whole. A bigger delivery carries <c>data</c> cut down to
    /// <c>{"truncated": true, "url": …}</c>, the URL fetching the full event. Default 10 KB (Elido's).
    /// </summary>
    public int MaxSignedBodyBytes { get; set; } = 10 * 1024;

    /// <summary>
    /// How long a webhook's endpoint worker (its channel and senders), claim timeout and holds stay in
    /// memory after its last delivery; then they are evicted, and made again by its next one. Default 5 min.
    /// </summary>
    public TimeSpan EndpointIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle partition looks for due work it was not told about. Default 1 s.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);
}
