using System.Diagnostics;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Sdk;

/// <summary>Runs node or python3 on the SDKs under <c>sdk/</c> of this repository and returns what it printed.</summary>
public static class SdkProcess
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The <c>sdk</c> folder of the checkout these tests were built from (the real sources, not a copy).</summary>
    public static string SdkRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatcher.sln")))
            {
                return Path.Combine(dir.FullName, "sdk");
            }
        }
        throw new InvalidOperationException($"no Dispatcher.sln above {AppContext.BaseDirectory}");
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string program, string workingDirectory, ITestOutputHelper output, params string[] arguments)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }
        // Python must not leave __pycache__ in the source tree it is run from.
        psi.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {Limit.TotalSeconds} s");
        }
        string outText = await stdout;
        string errText = await stderr;
        TestOutput.TryWriteLine(output, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}\n{outText}\n{errText}");
        return (process.ExitCode, outText, errText);
    }
}
