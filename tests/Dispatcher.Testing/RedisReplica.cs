using System.Diagnostics;
using StackExchange.Redis;

namespace Dispatcher.Testing;

/// <summary>
/// A <c>redis-server</c> replicating another on loopback, for tests of what replicas hold. It can be
/// frozen (SIGSTOP): it stays connected, so its primary waits for it, but confirms nothing until thawed.
/// </summary>
public sealed class RedisReplica : IAsyncDisposable
{
    private static readonly TimeSpan SyncTimeout = TimeSpan.FromSeconds(30);
    private readonly string _dataDir;
    private readonly Process _process;

    private RedisReplica(Process process, string dataDir, int port, ConnectionMultiplexer connection)
    {
        _dataDir = dataDir;
        _process = process;
        Port = port;
        Connection = connection;
    }

    public int Port { get; }

    /// <summary>A direct connection to the replica, to read what it holds.</summary>
    public ConnectionMultiplexer Connection { get; }

    public IDatabase Db => Connection.GetDatabase();

    /// <summary>Starts a replica of the primary on <paramref name="primaryPort"/>; returns once its first sync finished.</summary>
    public static async Task<RedisReplica> StartAsync(int primaryPort)
    {
        // Redis waits 5 s by default before a diskless sync, for more replicas to join it.
        await using (var primary = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{primaryPort},allowAdmin=true"))
        {
            await primary.GetServer($"127.0.0.1:{primaryPort}").ConfigSetAsync("repl-diskless-sync-delay", 0);
        }
        int port = Ports.Free();
        string dir = Directory.CreateTempSubdirectory("dispatcher-replica-").FullName;
        var synced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(RedisServerFixture.RedisServerPath(),
                $"--port {port} --bind 127.0.0.1 --dir {dir} --save \"\" --appendonly no --protected-mode no --replicaof 127.0.0.1 {primaryPort}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            lock (output)
            {
                output.Add(e.Data);
            }
            if (e.Data.Contains("MASTER <-> REPLICA sync: Finished with success", StringComparison.Ordinal))
            {
                synced.TrySetResult();
            }
        };
        process.Exited += (_, _) => synced.TrySetException(new InvalidOperationException("redis-server (replica) exited: " + string.Join('\n', output)));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await synced.Task.WaitAsync(SyncTimeout);
        var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=false");
        return new RedisReplica(process, dir, port, connection);
    }

    /// <summary>SIGSTOP: the primary still counts it as connected, but it confirms nothing.</summary>
    public Task FreezeAsync() => SignalAsync("STOP");

    /// <summary>SIGCONT: it catches up and confirms again.</summary>
    public Task ThawAsync() => SignalAsync("CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", $"-{signal} {_process.Id}");
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed ({kill.ExitCode})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }
}
