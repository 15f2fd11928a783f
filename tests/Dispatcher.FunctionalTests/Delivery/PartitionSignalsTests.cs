using Dispatcher.Core.Partitioning;
using Dispatcher.Engine.Signals;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>A pump's sleep ends at its due time even when the clock jumps while the sleep is being set.</summary>
public sealed class PartitionSignalsTests
{
    [Fact]
    public async Task A_wait_until_a_time_the_clock_has_already_passed_ends_at_once()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var until = clock.GetUtcNow().AddSeconds(120);
        // The jump lands between reading the clock and setting the timer: the timer then counts
        // its 120 s from 121 s on, so only re-reading the clock can end the wait.
        var jumping = new ClockJumpingOnTimer(clock, TimeSpan.FromSeconds(121));
        var signals = new PartitionSignals(new PartitionMap(1));

        // Bounded only so a regression fails rather than hangs; it completes at once.
        await signals.WaitAsync(0, until, jumping, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_wait_ends_at_its_time_or_when_woken()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var signals = new PartitionSignals(new PartitionMap(2));

        var timed = signals.WaitAsync(0, clock.GetUtcNow().AddSeconds(5), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(timed.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await timed.WaitAsync(TimeSpan.FromSeconds(10));

        var woken = signals.WaitAsync(1, clock.GetUtcNow().AddMinutes(5), clock, CancellationToken.None);
        signals.Notify(1);
        await woken.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Moves the fake clock forward once, just before the first timer is created.</summary>
    private sealed class ClockJumpingOnTimer(FakeTimeProvider clock, TimeSpan jump) : TimeProvider
    {
        private int _jumped;

        public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (Interlocked.Exchange(ref _jumped, 1) == 0)
            {
                clock.Advance(jump);
            }
            return clock.CreateTimer(callback, state, dueTime, period);
        }
    }
}
