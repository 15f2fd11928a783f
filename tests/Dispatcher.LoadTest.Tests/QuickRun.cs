using System.Diagnostics;

namespace Dispatcher.LoadTest.Tests;

/// <summary>
/// One <c>--quick</c> run of the harness as a separate process (as the one command runs it), writing
/// into a temporary folder instead of bench/results/. Killed with its whole tree if it overruns.
/// </summary>
public sealed class QuickRun : IDisposable
{
    // Generous: the harness bounds every phase itself; this only stops a hung run.
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public string OutputDirectory { get; } = Directory.CreateTempSubdirectory("dispatcher-loadtest-quick-").FullName;

    public int ExitCode { get; private set; } = -1;

    public List<string> Output { get; } = [];

    public async Task RunAsync()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "Dispatcher.LoadTest.dll"), "--quick", "--out", OutputDirectory })
        {
            psi.ArgumentList.Add(argument);
        }
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
            process.WaitForExit();
            ExitCode = process.ExitCode;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
    }

    public void Dispose() => Directory.Delete(OutputDirectory, recursive: true);

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (Output)
        {
            Output.Add(line);
        }
    }
}
