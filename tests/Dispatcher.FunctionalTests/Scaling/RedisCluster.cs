using System.Diagnostics;
using StackExchange.Redis;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>
/// A three-master Redis Cluster on free loopback ports (<c>redis-server --cluster-enabled yes</c>,
/// joined with <c>redis-cli --cluster create</c>), for the scale-out flow on a cluster.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly string _dataDir = Directory.CreateTempSubdirectory("dispatcher-cluster-").FullName;
    private readonly List<Process> _nodes = [];

    private RedisCluster()
    {
    }

    public int[] Ports { get; } = [Testing.Ports.FreeForClusterNode(), Testing.Ports.FreeForClusterNode(), Testing.Ports.FreeForClusterNode()];

    /// <summary>Every node, as StackExchange.Redis takes a cluster.</summary>
    public string ConnectionString => string.Join(',', Ports.Select(p => $"127.0.0.1:{p}"));

    public ConnectionMultiplexer Connection { get; private set; } = null!;

    public static async Task<RedisCluster> StartAsync()
    {
        var cluster = new RedisCluster();
        try
        {
            await Task.WhenAll(cluster.Ports.Select(cluster.StartNodeAsync));
            await RunAsync("redis-cli", $"--cluster create {string.Join(' ', cluster.Ports.Select(p => $"127.0.0.1:{p}"))} --cluster-replicas 0 --cluster-yes");
            cluster.Connection = await ConnectionMultiplexer.ConnectAsync($"{cluster.ConnectionString},abortConnect=false");
            await cluster.WaitUntilOkAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }
        foreach (var node in _nodes)
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
                await node.WaitForExitAsync();
            }
            node.Dispose();
        }
        Directory.Delete(_dataDir, recursive: true);
    }

    private async Task StartNodeAsync(int port)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_dataDir, port.ToString())).FullName;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("redis-server",
                $"--port {port} --bind 127.0.0.1 --dir {dir} --cluster-enabled yes --cluster-config-file nodes.conf --appendonly yes --save \"\" --protected-mode no")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
            EnableRaisingEvents = true,
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"redis-server on {port} exited"));
        lock (_nodes)
        {
            _nodes.Add(process);
        }
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ready.Task.WaitAsync(StartTimeout);
    }

    /// <summary>Until every node reports the cluster ok and the client knows all 16,384 slots.</summary>
    private async Task WaitUntilOkAsync()
    {
        using var cts = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            bool ok = true;
            foreach (int port in Ports)
            {
                var info = (string?)await Connection.GetServer("127.0.0.1", port).ExecuteAsync("CLUSTER", "INFO");
                ok &= info?.Contains("cluster_state:ok", StringComparison.Ordinal) == true;
            }
            if (ok && Connection.GetServers().Length == Ports.Length)
            {
                return;
            }
            cts.Token.ThrowIfCancellationRequested();
            await Task.Delay(100, cts.Token);
        }
    }

    private static async Task RunAsync(string file, string arguments)
    {
        var psi = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(StartTimeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {await stdout}{await stderr}");
        }
    }
}
