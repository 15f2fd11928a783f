using Dispatcher.LoadTest.Receiving;

namespace Dispatcher.LoadTest.Scenarios;

/// <summary>Waits for a phase's deliveries, bounded: a phase that cannot finish reports what arrived.</summary>
public static class PhaseWait
{
    /// <summary>True when every expected event arrived within <paramref name="timeout"/>.</summary>
    public static async Task<bool> AllArrivedAsync(ArrivalPhase phase, TimeSpan timeout)
    {
        try
        {
            await phase.AllArrived.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
