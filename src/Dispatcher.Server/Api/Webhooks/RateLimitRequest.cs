namespace Dispatcher.Server.Api.Webhooks;

/// <summary><c>"rateLimit": {"perSecond": n, "burst": b}</c> on create.</summary>
public sealed class RateLimitRequest
{
    public int PerSecond { get; set; }

    public int Burst { get; set; }
}
