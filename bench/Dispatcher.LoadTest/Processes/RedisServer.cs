using System.Globalization;
using StackExchange.Redis;

namespace Dispatcher.LoadTest.Processes;

/// <summary>
/// A <c>redis-server</c> of the harness's own on a free loopback port, with AOF on and fsync every
/// second as production runs it (docker-compose.yml), or on every write (<c>always</c>), its data in
/// a temporary folder.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _dataDirectory;

    private RedisServer(ChildProcess process, string dataDirectory, int port, ConnectionMultiplexer connection)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Port = port;
        Connection = connection;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public string Address => $"127.0.0.1:{Port}";

    public ConnectionMultiplexer Connection { get; }

    /// <summary>The <c>appendfsync</c> in force now (<see cref="SetFsyncAsync"/> changes it mid-run).</summary>
    public string Fsync { get; private set; } = "everysec";

    public static async Task<RedisServer> StartAsync(string name, string logDirectory, string fsync = "everysec")
    {
        string redis = Tools.Require("redis-server", "apt-get install redis-server; ./test.sh installs it");
        string data = Directory.CreateTempSubdirectory("dispatcher-load-" + name + "-").FullName;
        int port = FreePort.Next();
        var process = ChildProcess.Start(name, redis,
            ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", data,
             "--appendonly", "yes", "--appendfsync", fsync, "--save", "", "--protected-mode", "no"],
            logDirectory, readyLine: "Ready to accept connections");
        try
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(30));
            var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true,abortConnect=false");
            return new RedisServer(process, data, port, connection) { Fsync = fsync };
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>used_memory</c> from INFO memory, in bytes.</summary>
    public async Task<long> UsedMemoryAsync()
    {
        var info = await Connection.GetServer(Address).InfoAsync("memory");
        string value = info.SelectMany(g => g).First(p => p.Key == "used_memory").Value;
        return long.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// <c>CONFIG SET appendfsync</c>: Redis applies it to the next write, so one run can measure a
    /// scenario in both modes on the same data and the same warm Dispatcher.
    /// </summary>
    public async Task SetFsyncAsync(string fsync)
    {
        await Connection.GetServer(Address).ConfigSetAsync("appendfsync", fsync);
        Fsync = fsync;
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the temp folder is cleaned by the system.
        }
    }
}
