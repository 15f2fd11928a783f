using System.Diagnostics;

namespace Dispatcher.LoadTest.Processes;

/// <summary>
/// A process the harness started: its output goes to a log file (and to <see cref="Lines"/> for the
/// few whose output we parse), and it is killed with its whole tree on dispose — the harness never
/// leaves one behind, also when a phase fails.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly List<string> _lines = [];
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string? _readyLine;

    private ChildProcess(Process process, StreamWriter log, string? readyLine)
    {
        _process = process;
        _log = log;
        _readyLine = readyLine;
    }

    public int Id => _process.Id;

    public string Name { get; private init; } = "";

    public bool HasExited => _process.HasExited;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts <paramref name="file"/>; when <paramref name="readyLine"/> is given, <see cref="WaitReadyAsync"/> waits for a line holding it.</summary>
    public static ChildProcess Start(
        string name, string file, IEnumerable<string> arguments, string logDirectory,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, string? readyLine = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
        };
        foreach (string argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }
        var log = new StreamWriter(Path.Combine(logDirectory, name + ".log")) { AutoFlush = true };
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log, readyLine) { Name = name };
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child._ready.TrySetException(
            new InvalidOperationException($"{name} exited before it was ready; see {name}.log in {logDirectory}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        ProcessRegistry.Add(child);
        return child;
    }

    public Task WaitReadyAsync(TimeSpan timeout) => _ready.Task.WaitAsync(timeout);

    /// <summary>Waits for a normal exit; kills it and throws when it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not finish within {timeout.TotalSeconds:0} s and was killed");
        }
        // The exit can be seen before the last output lines are read; this waits for them.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>
    /// SIGTERM, as an orchestrator stops a process, then waits for its exit; kills it and throws when
    /// that takes longer than <paramref name="timeout"/>.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }
        return await WaitForExitAsync(timeout);
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It was never started or has gone already.
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        ProcessRegistry.Remove(this);
        _process.Dispose();
        lock (_lines)
        {
            _log.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            // Keep only the most recent lines in memory; the log file has them all.
            if (_lines.Count < 10_000)
            {
                _lines.Add(line);
            }
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Disposed while its last lines were still arriving.
            }
        }
        if (_readyLine is not null && line.Contains(_readyLine, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
