using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dispatcher.Testing;

/// <summary>
/// The server as a separate OS process (the built Dispatcher.Server.dll), for tests that kill it
/// the hard way. Uses the same keys as <see cref="DispatcherTestServer"/>.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines;
    private readonly SemaphoreSlim _newLine;
    private readonly ExpectedErrors _errors;
    private bool _disposed;

    private ServerProcess(Process process, ConcurrentQueue<string> lines, SemaphoreSlim newLine, ExpectedErrors errors, Uri http, Uri grpc)
    {
        _process = process;
        _lines = lines;
        _newLine = newLine;
        _errors = errors;
        Http = http;
        Grpc = grpc;
    }

    public Uri Http { get; }

    public Uri Grpc { get; }

    /// <summary>The OS process id: part of the instance id the server writes into its lease keys.</summary>
    public int Id => _process.Id;

    /// <summary>Every line the process printed so far, stdout and stderr ("stderr: " prefixed).</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    public static async Task<ServerProcess> StartAsync(
        RedisServerFixture redis, string prefix, ITestOutputHelper output, IDictionary<string, string>? settings = null,
        (int Http, int Grpc)? ports = null)
    {
        // Fixed ports let a restarted server be found where its clients left it.
        var (httpPort, grpcPort) = ports ?? (Ports.Free(), Ports.Free());
        var psi = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Dispatcher.Server.dll"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Dispatcher__Redis__KeyPrefix"] = prefix,
            ["Dispatcher__ProducerKeys__0"] = DispatcherTestServer.ProducerKey,
            ["Dispatcher__ApiKeys__0__Key"] = DispatcherTestServer.ApiKey,
            ["Dispatcher__ApiKeys__0__Workspace"] = DispatcherTestServer.Workspace,
            ["Dispatcher__Endpoints__AllowLocal"] = "true",
            ["Dispatcher__Partitions__Count"] = "8",
            // As in DispatcherTestServer: tests count exact deliveries, so no create-time test event.
            ["Dispatcher__Webhooks__TestEventOnCreate"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new ConcurrentQueue<string>();
        var newLine = new SemaphoreSlim(0);
        var errors = new ExpectedErrors();
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            if (ConsoleErrorLine.Parse(e.Data) is { } error)
            {
                errors.Record(error);
            }
            lines.Enqueue(e.Data);
            newLine.Release();
            TestOutput.TryWriteLine(output, "server: " + e.Data);
            if (e.Data.Contains("Dispatcher is up", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue("stderr: " + e.Data);
            }
            TestOutput.TryWriteLine(output, "server stderr: " + e.Data);
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"the server exited with {process.ExitCode} before it was up"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new ServerProcess(process, lines, newLine, errors, new Uri($"http://127.0.0.1:{httpPort}"), new Uri($"http://127.0.0.1:{grpcPort}"));
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is handed back.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits until what the process printed satisfies <paramref name="condition"/>; the timeout message says what was expected.</summary>
    public async Task WaitForOutputAsync(Func<IReadOnlyCollection<string>, bool> condition, TimeSpan timeout, string expected)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!condition(_lines))
        {
            try
            {
                await _newLine.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"within {timeout} the server did not print {expected}");
            }
        }
    }

    /// <summary>
    /// Sends a POSIX signal (e.g. "INT" for Ctrl-C, "TERM" for a service manager's stop) and waits for
    /// the process to exit; returns its exit code.
    /// </summary>
    public async Task<int> SignalAndWaitAsync(string signal, TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-s", signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the server did not exit within {timeout} of SIG{signal}");
        }
        return _process.ExitCode;
    }

    /// <summary>
    /// Declares errors this process may print (<c>fail:</c>/<c>crit:</c> lines; match on <c>EventId.Id</c> or
    /// <c>Category</c>, the console prints no event name), narrowly: any other fails the test at dispose.
    /// </summary>
    public void ExpectErrors(Func<LoggedError, bool> filter) => _errors.Expect(filter);

    /// <summary>Kills the process if it still runs, then fails if it printed an error the test did not expect.</summary>
    public ValueTask DisposeAsync()
    {
        // A second dispose (a test's finally after its own) would throw from the disposed process and
        // hide whatever failed the test in between.
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            Kill();
        }
        string name = $"the server process {_process.Id}";
        _process.Dispose();
        _errors.ThrowIfUnexpected(name);
        return ValueTask.CompletedTask;
    }
}
