using System.Threading.RateLimiting;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Limiter;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.Engine.Tests.Limiter;

/// <summary>
/// A sender that wants every token it can get: it keeps <see cref="Waiters"/> acquires outstanding and
/// moves the fake clock in small steps, recording when each token was granted.
/// </summary>
internal sealed class BucketDriver(FakeTimeProvider clock)
{
    public const int Waiters = 4;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    public List<DateTimeOffset> Grants { get; } = [];

    /// <summary>Sends through <paramref name="limiter"/> for <paramref name="duration"/>; waiters left at the end are cancelled.</summary>
    public void Drive(EndpointRateLimiter limiter, Webhook webhook, TimeSpan duration)
    {
        using var stop = new CancellationTokenSource();
        var pending = new List<Task<RateLimitLease>>();
        var end = clock.GetUtcNow() + duration;
        while (true)
        {
            foreach (var done in pending.Where(p => p.IsCompleted).ToList())
            {
                pending.Remove(done);
                Record(done.Result);
            }
            while (pending.Count < Waiters)
            {
                var next = limiter.AcquireAsync(webhook, stop.Token);
                if (next.IsCompleted)
                {
                    Record(next.Result);
                }
                else
                {
                    pending.Add(next.AsTask());
                }
            }
            if (clock.GetUtcNow() >= end)
            {
                break;
            }
            clock.Advance(Step);
        }
        stop.Cancel();
    }

    /// <summary>The largest excess over <c>burst + rate × T</c> across every window T between two grants (≤ 0 when the bound holds).</summary>
    public static (double Excess, string Window) WorstWindow(IEnumerable<DateTimeOffset> grants, int perSecond, int burst)
    {
        var times = grants.Order().ToArray();
        double worst = double.NegativeInfinity;
        string window = "";
        for (int i = 0; i < times.Length; i++)
        {
            for (int j = i; j < times.Length; j++)
            {
                double seconds = (times[j] - times[i]).TotalSeconds;
                double excess = (j - i + 1) - (burst + perSecond * seconds);
                if (excess > worst)
                {
                    worst = excess;
                    window = $"{j - i + 1} tokens in {seconds:0.000} s from {times[i]:HH:mm:ss.fff} (bound {burst + perSecond * seconds:0.00})";
                }
            }
        }
        return (worst, window);
    }

    private void Record(RateLimitLease lease)
    {
        using (lease)
        {
            if (lease.IsAcquired)
            {
                Grants.Add(clock.GetUtcNow());
            }
        }
    }
}
