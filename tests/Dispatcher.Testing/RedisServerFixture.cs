using System.Diagnostics;
using StackExchange.Redis;

namespace Dispatcher.Testing;

/// <summary>
/// A real <c>redis-server</c> on a free loopback port, with AOF on as in production, shared by
/// the functional tests. Each test isolates itself with its own key prefix (<see cref="NewPrefix"/>).
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("dispatcher-redis-").FullName;
    private Process? _process;

    public int Port { get; } = Ports.Free();

    public string ConnectionString => $"127.0.0.1:{Port}";

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public IDatabase Db => Connection.GetDatabase();

    public async Task InitializeAsync()
    {
        await StartProcessAsync();
        Connection = await ConnectionMultiplexer.ConnectAsync($"{ConnectionString},abortConnect=false");
    }

    public async Task DisposeAsync()
    {
        await Connection.DisposeAsync();
        StopProcess();
        Directory.Delete(_dataDir, recursive: true);
    }

    /// <summary>A fresh key prefix: no other test sees its keys.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Every key under <paramref name="prefix"/>, to assert that a refusal wrote nothing.</summary>
    public async Task<HashSet<string>> KeysAsync(string prefix)
    {
        var server = Connection.GetServer(ConnectionString);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in server.KeysAsync(pattern: prefix + ":*", pageSize: 1000))
        {
            keys.Add(key!);
        }
        return keys;
    }

    /// <summary>Stops the server (as a crash would) — for tests of Redis being unreachable.</summary>
    public void StopProcess()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server again on the same port and data (it replays its AOF).</summary>
    public async Task StartProcessAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        var psi = new ProcessStartInfo(RedisServerPath(),
            $"--port {Port} --bind 127.0.0.1 --dir {_dataDir} --appendonly yes --appendfsync always --save \"\" --protected-mode no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.Add(e.Data);
            }
            if (e.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        _process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("redis-server exited: " + string.Join('\n', output)));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ready.Task.WaitAsync(StartTimeout);
    }

    internal static string RedisServerPath()
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/bin"))
        {
            string candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("redis-server is not installed: run ./test.sh (it installs it) or `apt-get install redis-server`");
    }

}
