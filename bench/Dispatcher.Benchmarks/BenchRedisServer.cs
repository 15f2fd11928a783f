using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dispatcher.Benchmarks;

/// <summary>
/// A throwaway redis-server on a free loopback port for the round-trip benchmarks: no
/// persistence, so the figure is the script and the network hop, not the disk.
/// </summary>
public sealed class BenchRedisServer : IDisposable
{
    private readonly Process _process;

    private BenchRedisServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static BenchRedisServer Start()
    {
        int port = FreePort();
        var process = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server did not start (is it installed?)");
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                // Keep draining its output so a full pipe never blocks it.
                _ = process.StandardOutput.ReadToEndAsync();
                return new BenchRedisServer(process, port);
            }
        }
        throw new InvalidOperationException("redis-server exited before it was ready");
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
