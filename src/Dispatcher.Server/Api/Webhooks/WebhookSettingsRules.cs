using Dispatcher.Core.Webhooks;
using Dispatcher.Server.Configuration;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>Checks the optional per-webhook settings of a create or PATCH request.</summary>
public static class WebhookSettingsRules
{
    public const int MaxPerSecond = 1000;
    public const int MaxRetries = 20;
    public const int MaxRetryDelaySeconds = 7 * 24 * 3600;

    public static ApiError? Validate(
        CreateWebhookRequest request, DispatcherOptions options, out RateLimitSettings? rateLimit, out IReadOnlyList<int>? retrySchedule)
    {
        retrySchedule = null;
        return RateLimit(request.RateLimit, out rateLimit) ?? RetrySchedule(request.RetrySchedule, options, out retrySchedule);
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

    /// <summary>
    /// Null in, null out: the deployment's schedule. Empty: one attempt, no retries. The schedule must
    /// end within the event retention, or its last attempts would find the event gone.
    /// </summary>
    public static ApiError? RetrySchedule(IReadOnlyList<int>? delays, DispatcherOptions options, out IReadOnlyList<int>? retrySchedule)
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
        if (RetentionRules.Check("retrySchedule", delays, options.Ingest, options.Delivery) is { } tooLong)
        {
            return ApiError.BadRequest("INVALID_RETRY_SCHEDULE", tooLong);
        }
        retrySchedule = delays.ToArray();
        return null;
    }
}
