namespace Dispatcher.Testing;

public static class Conditions
{
    /// <summary>Polls an in-memory condition (no event marks it) until it holds, or fails saying what never happened.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"timed out after 10 s waiting for {what}");
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }
}
