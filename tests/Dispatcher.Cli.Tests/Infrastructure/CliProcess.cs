using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Infrastructure;

/// <summary>
/// The built <c>Dispatcher.Cli.dll</c> run by <c>dotnet</c> as a separate process, with its own
/// empty config file and no DISPATCHER_* variables from the machine running the tests.
/// </summary>
public sealed class CliProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly Channel<string> _stdout = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderr = Channel.CreateUnbounded<string>();
    private readonly ConcurrentQueue<string> _allStdout = new();
    private readonly ConcurrentQueue<string> _allStderr = new();
    private readonly TaskCompletionSource _outputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process) => _process = process;

    public static string DllPath
    {
        get
        {
            // tests/Dispatcher.Cli.Tests/bin/<Configuration>/net10.0 → src/Dispatcher.Cli/bin/<Configuration>/net10.0
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string framework = output.Name, configuration = output.Parent!.Name;
            string repo = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(repo, "src", "Dispatcher.Cli", "bin", configuration, framework, "Dispatcher.Cli.dll");
        }
    }

    public static CliProcess Start(IReadOnlyDictionary<string, string>? environment, ITestOutputHelper output, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(DllPath);
        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        foreach (string name in psi.Environment.Keys.Where(k => k.StartsWith("DISPATCHER_", StringComparison.Ordinal)).ToList())
        {
            psi.Environment.Remove(name);
        }
        psi.Environment["DISPATCHER_CONFIG"] = Path.Combine(Path.GetTempPath(), $"dispatcher-cli-test-{Guid.NewGuid():N}.json");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }
        var process = new Process { StartInfo = psi };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                cli._outputDone.TrySetResult();
                cli._stdout.Writer.TryComplete();
                return;
            }
            TestOutput.TryWriteLine(output, "cli: " + e.Data);
            cli._allStdout.Enqueue(e.Data);
            cli._stdout.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                cli._errorDone.TrySetResult();
                cli._stderr.Writer.TryComplete();
                return;
            }
            TestOutput.TryWriteLine(output, "cli stderr: " + e.Data);
            cli._allStderr.Enqueue(e.Data);
            cli._stderr.Writer.TryWrite(e.Data);
        };
        TestOutput.TryWriteLine(output, "$ dispatcher " + string.Join(' ', args));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Runs a command to its end.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, ITestOutputHelper output, params string[] args)
    {
        await using var cli = Start(environment, output, args);
        return await cli.WaitForExitAsync();
    }

    /// <summary>Waits for a stdout line matching <paramref name="match"/> (lines before it are consumed).</summary>
    public Task<string> NextLineAsync(Func<string, bool> match, TimeSpan? timeout = null) => NextAsync(_stdout, match, timeout);

    /// <summary>Waits for a stderr line containing <paramref name="text"/> (lines before it are consumed).</summary>
    public Task<string> NextStderrAsync(string text, TimeSpan? timeout = null) =>
        NextAsync(_stderr, l => l.Contains(text, StringComparison.Ordinal), timeout);

    private async Task<string> NextAsync(Channel<string> lines, Func<string, bool> match, TimeSpan? timeout)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        try
        {
            while (true)
            {
                string line = await lines.Reader.ReadAsync(cts.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"no matching line from the CLI within {(timeout ?? DefaultWait).TotalSeconds} s; stdout:\n{string.Join('\n', _allStdout)}\nstderr:\n{string.Join('\n', _allStderr)}");
        }
    }

    /// <summary>SIGINT, as Ctrl-C in a terminal sends.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<CliResult> WaitForExitAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultWait);
        await _process.WaitForExitAsync(cts.Token);
        await Task.WhenAll(_outputDone.Task, _errorDone.Task).WaitAsync(cts.Token);
        return new CliResult(_process.ExitCode, string.Join('\n', _allStdout), string.Join('\n', _allStderr));
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
