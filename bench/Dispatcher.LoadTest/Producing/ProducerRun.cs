using System.Text.Json;
using Dispatcher.LoadTest.Processes;

namespace Dispatcher.LoadTest.Producing;

/// <summary>Starts this program again as the producer process (the <c>produce</c> verb) and reads its report.</summary>
public static class ProducerRun
{
    /// <param name="suffix">Tells apart the logs of several producers of one phase.</param>
    public static async Task<ProducerReport> RunAsync(ProducerArgs args, string logDirectory, TimeSpan timeout, string suffix = "")
    {
        var (file, prefix) = SelfCommand();
        await using var process = ChildProcess.Start("producer-" + args.Phase + suffix, file, [.. prefix, .. args.ToArguments()], logDirectory);
        int exit = await process.WaitForExitAsync(timeout);
        string? line = process.Lines.LastOrDefault(l => l.StartsWith('{'));
        if (line is null)
        {
            throw new InvalidOperationException($"the producer of {args.Phase} exited with {exit} without a report; see producer-{args.Phase}{suffix}.log");
        }
        return JsonSerializer.Deserialize<ProducerReport>(line)!;
    }

    /// <summary>How to start this program again: its apphost, or <c>dotnet</c> with its dll.</summary>
    private static (string File, string[] Prefix) SelfCommand()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "Dispatcher.LoadTest.dll");
        string? host = Environment.ProcessPath;
        return host is not null && Path.GetFileNameWithoutExtension(host) == "Dispatcher.LoadTest"
            ? (host, [])
            : ("dotnet", [dll]);
    }
}
