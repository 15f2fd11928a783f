namespace Dispatcher.Core.Webhooks;

/// <summary>A webhook's own token bucket: <paramref name="PerSecond"/> sustained, <paramref name="Burst"/> on top.</summary>
public sealed record RateLimitSettings(int PerSecond, int Burst);
