using Dispatcher.Core.Webhooks;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>Checks the optional per-webhook settings of a create or PATCH request.</summary>
public static class WebhookSettingsRules
{
    public const int MaxPerSecond = 1000;
    public const int MaxRetries = 20;
    public const int MaxRetryDelaySeconds = 7 * 24 * 3600;

    public static ApiError? Validate(CreateWebhookRequest request, out RateLimitSettings? rateLimit, out IReadOnlyList<int>? retrySchedule)
    {
        retrySchedule = null;
        return RateLimit(request.RateLimit, out rateLimit) ?? RetrySchedule(request.RetrySchedule, out retrySchedule);
    }

    /// <summary>Null in, null out: the deployment's rate.</summary>
    public static ApiError? RateLimit(RateLimitRequest? rate, out RateLimitSettings? rateLimit)
    {
        rateLimit = null;
        if (rate is null)
        {
            return null;
        }
        if (rate.PerSecond is < 1 or > MaxPerSecond || rate.Burst is < 1 or > MaxPerSecond)
        {
            return ApiError.BadRequest("INVALID_RATE_LIMIT", $"rateLimit.perSecond and rateLimit.burst must be between 1 and {MaxPerSecond}");
        }
        rateLimit = new RateLimitSettings(rate.PerSecond, rate.Burst);
        return null;
    }

    /// <summary>Null in, null out: the deployment's schedule. Empty: one attempt, no retries.</summary>
    public static ApiError? RetrySchedule(IReadOnlyList<int>? delays, out IReadOnlyList<int>? retrySchedule)
    {
        retrySchedule = null;
        if (delays is null)
        {
            return null;
        }
        if (delays.Count > MaxRetries || delays.Any(d => d is < 1 or > MaxRetryDelaySeconds))
        {
            return ApiError.BadRequest("INVALID_RETRY_SCHEDULE",
                $"retrySchedule is at most {MaxRetries} delays, each 1 to {MaxRetryDelaySeconds} seconds");
        }
        retrySchedule = delays.ToArray();
        return null;
    }
}
