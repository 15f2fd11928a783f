namespace Dispatcher.Redis.Schedule;

/// <summary>One webhook's part of a batched claim: at most <paramref name="Max"/> due deliveries, held until <paramref name="Deadline"/>.</summary>
public readonly record struct ClaimRequest(string WebhookId, DateTimeOffset Deadline, int Max);
