namespace Dispatcher.Redis.Webhooks;

/// <summary>Which settings a PATCH changes; only those fields are written, so concurrent changes of others survive.</summary>
[Flags]
public enum WebhookChanges
{
    None = 0,
    Endpoint = 1,
    Events = 2,
    RateLimit = 4,
    RetrySchedule = 8,
    Headers = 16,
}
