using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Dispatcher.Testing;

/// <summary>
/// A receiver written in another language (Node, Python) as a seed's documentation shows it, run as
/// a process on 127.0.0.1. It prints "listening &lt;port&gt;", then one JSON line per request.
/// Closing its standard input stops it.
/// </summary>
public sealed class ScriptReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<JsonElement> _requests;
    private readonly SemaphoreSlim _arrived;

    private ScriptReceiver(Process process, int port, ConcurrentQueue<JsonElement> requests, SemaphoreSlim arrived)
    {
        _process = process;
        Port = port;
        _requests = requests;
        _arrived = arrived;
    }

    public int Port { get; }

    public IReadOnlyCollection<JsonElement> Requests => _requests;

    public static async Task<ScriptReceiver> StartAsync(string program, string script, IDictionary<string, string> environment, ITestOutputHelper output)
    {
        var psi = new ProcessStartInfo(program, Path.Combine(AppContext.BaseDirectory, "Seeds", script))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        var process = new Process { StartInfo = psi };
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = new ConcurrentQueue<JsonElement>();
        var arrived = new SemaphoreSlim(0);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { Length: > 0 } line)
            {
                return;
            }
            TestOutput.TryWriteLine(output, $"{script}: {line}");
            if (line.StartsWith("listening ", StringComparison.Ordinal))
            {
                listening.TrySetResult(int.Parse(line["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture));
                return;
            }
            try
            {
                requests.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
            }
            catch (JsonException)
            {
                // Never throw on the process's reader thread (it would take the test host down):
                // keep the line as a request that did not verify, so the test fails and shows it.
                requests.Enqueue(JsonSerializer.SerializeToElement(new { format = script, valid = false, body = line }));
            }
            arrived.Release();
        };
        process.ErrorDataReceived += (_, e) => TestOutput.TryWriteLine(output, $"{script} stderr: {e.Data}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        int port;
        try
        {
            port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{script} did not say it was listening within 30 s");
        }
        var receiver = new ScriptReceiver(process, port, requests, arrived);
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests have arrived in all.</summary>
    public async Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (_requests.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"expected {count} requests, got {_requests.Count}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        if (!_process.WaitForExit(5000))
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
        _arrived.Dispose();
    }
}
