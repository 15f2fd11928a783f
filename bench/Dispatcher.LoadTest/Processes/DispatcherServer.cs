using System.Globalization;

namespace Dispatcher.LoadTest.Processes;

/// <summary>
/// Dispatcher as a separate process: the Release Dispatcher.Server.dll built beside the harness (or
/// another checkout's build, for an A/B run), in the Production environment with its defaults (delivery log on), except what a loopback
/// benchmark needs: http:// loopback endpoints, the harness's keys, and room for its webhooks.
/// </summary>
public sealed class DispatcherServer : IAsyncDisposable
{
    public const string ProducerKey = "bench_producer_key";

    private readonly ChildProcess _process;
    private readonly RedisServer _redis;
    private readonly IReadOnlyList<string> _workspaces;
    private readonly int _webhooksPerWorkspace;
    private readonly string _logDirectory;
    private readonly string? _serverBuild;

    private DispatcherServer(
        ChildProcess process, Uri http, Uri grpc, RedisServer redis, IReadOnlyList<string> workspaces, int webhooksPerWorkspace, string logDirectory, string? serverBuild)
    {
        _serverBuild = serverBuild;
        _process = process;
        Http = http;
        Grpc = grpc;
        _redis = redis;
        _workspaces = workspaces;
        _webhooksPerWorkspace = webhooksPerWorkspace;
        _logDirectory = logDirectory;
    }

    public Uri Http { get; }

    public Uri Grpc { get; }

    public int ProcessId => _process.Id;

    /// <summary>The API key of workspace <paramref name="workspace"/> (one key per workspace).</summary>
    public static string ApiKey(string workspace) => "bench_api_key_" + workspace;

    /// <param name="name">The process's name in the harness's logs (<c>name.log</c>).</param>
    /// <param name="serverBuild">The folder of the Dispatcher.Server.dll to start; null: the one built beside the harness.</param>
    public static async Task<DispatcherServer> StartAsync(
        RedisServer redis, IReadOnlyList<string> workspaces, int webhooksPerWorkspace, bool perfMap, string logDirectory,
        string name = "dispatcher", string? serverBuild = null)
    {
        string folder = serverBuild ?? AppContext.BaseDirectory;
        string dll = Path.Combine(folder, "Dispatcher.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException(serverBuild is null
                ? $"{dll} is missing: build the harness (it references the server)"
                : $"{dll} is missing: --server-build takes the folder of a built server (e.g. src/Dispatcher.Server/bin/Release/net10.0 after dotnet build -c Release)");
        }
        int httpPort = FreePort.Next(), grpcPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Redis"] = redis.Address,
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Dispatcher__ProducerKeys__0"] = ProducerKey,
            ["Dispatcher__Endpoints__AllowLocal"] = "true",
            // Settings other engineers are adding now; unknown settings are ignored today.
            ["Dispatcher__Limits__WebhooksPerWorkspace"] = webhooksPerWorkspace.ToString(CultureInfo.InvariantCulture),
            ["Dispatcher__Webhooks__TestEventOnCreate"] = "false",
        };
        if (perfMap)
        {
            // Names for JIT-compiled frames in perf's profile (only with --perf: it costs a little at each JIT).
            environment["DOTNET_PerfMapEnabled"] = "1";
            // JIT code in plain anonymous memory, where perf looks the map up (W^X double-maps it otherwise).
            environment["DOTNET_EnableWriteXorExecute"] = "0";
        }
        for (int i = 0; i < workspaces.Count; i++)
        {
            environment[$"Dispatcher__ApiKeys__{i}__Key"] = ApiKey(workspaces[i]);
            environment[$"Dispatcher__ApiKeys__{i}__Workspace"] = workspaces[i];
        }
        var process = ChildProcess.Start(name, "dotnet", [dll], logDirectory, environment,
            // Its own folder: the server reads appsettings.json from there.
            workingDirectory: folder, readyLine: "Dispatcher is up");
        try
        {
            await process.WaitReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return new DispatcherServer(process, new Uri($"http://127.0.0.1:{httpPort}"), new Uri($"http://127.0.0.1:{grpcPort}"),
            redis, workspaces, webhooksPerWorkspace, logDirectory, serverBuild);
    }

    /// <summary>
    /// A second instance with this one's settings against the same Redis, as a scale-out deployment
    /// runs them (never profiled): the two split the partitions between them.
    /// </summary>
    public Task<DispatcherServer> StartAnotherAsync(string name) =>
        StartAsync(_redis, _workspaces, _webhooksPerWorkspace, perfMap: false, _logDirectory, name, _serverBuild);

    /// <summary>
    /// A graceful stop: the server hands its leases back as it goes, so the instances left take its
    /// partitions over at their next lease round instead of after its leases expire and the takeover delay.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        try
        {
            return await _process.StopAsync(timeout) == 0;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
