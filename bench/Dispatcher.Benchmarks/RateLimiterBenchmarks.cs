using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;

namespace Dispatcher.Benchmarks;

/// <summary>
/// <see cref="RateLimiter.AttemptAcquire(int)"/> on a <see cref="TokenBucketRateLimiter"/> plus disposing the lease. With the engine's
/// settings (10 tokens, 1 per 20 ms) a tight loop empties the bucket at once, so <see cref="EngineSettings"/>
/// measures almost only refusals; <see cref="Granted"/> uses a bucket that never runs dry to show the
/// path where a token is handed out.
/// </summary>
public class RateLimiterBenchmarks
{
    private TokenBucketRateLimiter _engine = null!;
    private TokenBucketRateLimiter _unlimited = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = 10,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(20),
            AutoReplenishment = true,
            QueueLimit = 0,
        });
        _unlimited = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = int.MaxValue,
            TokensPerPeriod = int.MaxValue,
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(20),
            AutoReplenishment = true,
            QueueLimit = 0,
        });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _engine.Dispose();
        _unlimited.Dispose();
    }

    [Benchmark(Baseline = true)]
    public bool EngineSettings()
    {
        using var lease = _engine.AttemptAcquire(1);
        return lease.IsAcquired;
    }

    [Benchmark]
    public bool Granted()
    {
        using var lease = _unlimited.AttemptAcquire(1);
        return lease.IsAcquired;
    }
}
