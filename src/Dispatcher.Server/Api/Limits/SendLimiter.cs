using System.Security.Claims;
using Dispatcher.Redis.Limits;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Api.Limits;

/// <summary>
/// The per-key budget of calls that make Dispatcher send something now (<c>…/test</c>,
/// <c>…/replay</c>, <c>…/recover</c>): each costs deliveries to a customer endpoint, so one key must
/// not be able to turn the API into a traffic generator. Counted in Redis, shared by every instance.
/// </summary>
public sealed class SendLimiter(CallLimitStore store, IOptions<DispatcherOptions> options)
{
    private const string Kind = "send";

    /// <summary>
    /// Counts the call; null when it may go ahead, else the 429 to answer. Called once the request
    /// is known to be valid, just before its write, so a refused or bad request counts nothing.
    /// </summary>
    public async Task<ApiError?> TryAcquireAsync(ClaimsPrincipal user)
    {
        var limits = options.Value.Limits;
        string keyId = user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)
            ?? throw new InvalidOperationException("endpoint reached without an authenticated API key");
        if (await store.TryCountAsync(Kind, keyId, limits.SendCallsPerWindow, limits.SendWindow) is not { } wait)
        {
            return null;
        }
        return new ApiError(StatusCodes.Status429TooManyRequests, "RATE_LIMITED",
            $"this API key may make {limits.SendCallsPerWindow} test, replay and recover calls per {limits.SendWindow}; " +
            $"try again in {Math.Ceiling(wait.TotalSeconds):0} s")
        {
            RetryAfter = wait,
        };
    }
}
