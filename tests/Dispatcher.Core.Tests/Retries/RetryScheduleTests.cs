using Dispatcher.Core.Retries;

namespace Dispatcher.Core.Tests.Retries;

public sealed class RetryScheduleTests
{
    [Fact]
    public void The_default_is_cd4cds_six_steps_so_seven_attempts()
    {
        var schedule = RetrySchedule.Default;

        Assert.Equal([60, 300, 900, 3600, 21600, 86400], schedule.Delays.Select(d => (int)d.TotalSeconds));
        Assert.Equal(TimeSpan.FromMinutes(1), schedule.DelayAfter(1));
        Assert.Equal(TimeSpan.FromHours(24), schedule.DelayAfter(6));
        Assert.Null(schedule.DelayAfter(7));
        Assert.Null(schedule.DelayAfter(0));
    }

    [Fact]
    public void An_empty_schedule_means_one_attempt()
    {
        Assert.Null(RetrySchedule.FromSeconds().DelayAfter(1));
    }
}
