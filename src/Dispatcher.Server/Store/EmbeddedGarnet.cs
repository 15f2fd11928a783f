using System.Net;
using System.Net.Sockets;
using Garnet;

namespace Dispatcher.Server.Store;

/// <summary>
/// A Redis-compatible store (Microsoft Garnet) inside the process, for a server started with no
/// Redis configured. Lua is on and every write is committed to its append-only log before it is
/// answered, so acknowledged work survives a killed process (docs/durability.md says what it does
/// not survive). Same client code path as a real Redis.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;

    private EmbeddedGarnet(GarnetServer server, int port, string dataPath)
    {
        _server = server;
        Port = port;
        DataPath = dataPath;
    }

    public int Port { get; }

    public string DataPath { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static EmbeddedGarnet Start(string dataPath, int port)
    {
        string fullPath = Path.GetFullPath(dataPath);
        Directory.CreateDirectory(fullPath);
        if (port == 0)
        {
            port = FreeLoopbackPort();
        }
        string[] args =
        [
            "--bind", "127.0.0.1",
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--lua",
            "--aof",
            // 0: commit the log on every write; and wait for that commit before answering: without
            // the wait the commit runs behind the answer, and a killed process loses writes it had
            // already acknowledged (an event the producer was told is durable).
            "--aof-commit-freq", "0",
            "--aof-commit-wait",
            "--recover",
            "--checkpointdir", fullPath,
            // The portable file device: the native one needs libaio, which a fresh machine may lack.
            "--device-type", "RandomAccess",
            // Quiet mode: no version banner and ASCII art on our console; the host logs the store in one line.
            "-q",
        ];
        var server = new GarnetServer(args);
        server.Start();
        return new EmbeddedGarnet(server, port, fullPath);
    }

    public void Dispose() => _server.Dispose();

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
