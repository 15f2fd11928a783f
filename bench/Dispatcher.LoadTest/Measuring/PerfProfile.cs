using System.Globalization;
using Dispatcher.LoadTest.Processes;

namespace Dispatcher.LoadTest.Measuring;

/// <summary>
/// With <c>--perf</c>: a CPU profile of Dispatcher while scenario 1 runs — <c>perf record</c> on its
/// pid for a fixed time (Dispatcher runs with DOTNET_PerfMapEnabled=1 so JIT-compiled frames have
/// names), then <c>perf report</c>'s flat top symbols, to say what limits the throughput.
/// </summary>
public sealed class PerfProfile
{
    private const int SamplesPerSecond = 499;

    private readonly ChildProcess _record;
    private readonly string _data;
    private readonly TimeSpan _duration;

    /// <summary>perf pads its columns to the widest symbol and adds empty IPC columns: squeeze both out.</summary>
    private static string Compact(string line) =>
        System.Text.RegularExpressions.Regex.Replace(line.TrimEnd().TrimEnd('-', ' '), " {3,}", "  ");

    private PerfProfile(ChildProcess record, string data, TimeSpan duration)
    {
        _record = record;
        _data = data;
        _duration = duration;
    }

    /// <summary>Starts recording <paramref name="pid"/> for <paramref name="duration"/>; null when perf is not installed.</summary>
    public static PerfProfile? Start(int pid, TimeSpan duration, string logDirectory)
    {
        string? perf = Tools.Find("perf");
        if (perf is null)
        {
            return null;
        }
        string data = Path.Combine(logDirectory, "perf.data");
        var record = ChildProcess.Start("perf-record", perf,
            ["record", "-F", SamplesPerSecond.ToString(CultureInfo.InvariantCulture), "-g", "-p", pid.ToString(CultureInfo.InvariantCulture),
             "-o", data, "--", "sleep", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)],
            logDirectory);
        return new PerfProfile(record, data, duration);
    }

    /// <summary>
    /// Waits for the recording to end and writes to <paramref name="file"/> where Dispatcher's CPU
    /// went: by thread, by binary, and the top symbols.
    /// </summary>
    public async Task WriteReportAsync(string file, string logDirectory)
    {
        await using (_record)
        {
            await _record.WaitForExitAsync(_duration + TimeSpan.FromSeconds(60));
        }
        var lines = new List<string> { $"# perf record -F {SamplesPerSecond} -g on Dispatcher for {_duration.TotalSeconds:0} s of scenario 1" };
        foreach (var (title, sort, limit) in new[] { ("by thread", "comm", "0.5"), ("by binary", "dso", "0.5"), ("by symbol", "dso,symbol", "0.4") })
        {
            await using var report = ChildProcess.Start("perf-report-" + sort.Replace(',', '-'), Tools.Require("perf", "apt-get install linux-perf"),
                ["report", "-i", _data, "--stdio", "--no-children", "--sort", sort, "--percent-limit", limit, "-g", "none"],
                logDirectory);
            await report.WaitForExitAsync(TimeSpan.FromMinutes(3));
            lines.Add("");
            lines.Add("## " + title);
            lines.AddRange(report.Lines.Where(l => l.Length > 0 && !l.StartsWith('#')).Take(60).Select(Compact));
        }
        await File.WriteAllLinesAsync(file, lines);
    }
}
