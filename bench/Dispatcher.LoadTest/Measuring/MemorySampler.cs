using System.Globalization;

namespace Dispatcher.LoadTest.Measuring;

/// <summary>
/// Samples a process's resident memory from <c>/proc/&lt;pid&gt;/status</c> every 100 ms until
/// disposed, and reads its high-water mark (VmHWM), which <see cref="ResetPeak"/> clears first so
/// the peak belongs to the phase being measured.
/// </summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxRssKb;

    public MemorySampler(int pid)
    {
        _pid = pid;
        _loop = Task.Run(SampleAsync);
    }

    public long MaxRssBytes => Interlocked.Read(ref _maxRssKb) * 1024;

    /// <summary>VmHWM in bytes (0 where /proc is not there).</summary>
    public long PeakBytes => Read("VmHWM:") * 1024;

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux; ignored elsewhere).</summary>
    public static void ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the sampled maximum still stands.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            long rss = Read("VmRSS:");
            if (rss > Interlocked.Read(ref _maxRssKb))
            {
                Interlocked.Exchange(ref _maxRssKb, rss);
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    private long Read(string field)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{_pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process has exited.
        }
        return 0;
    }
}
