using System.Net;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>
/// What the assembly's tests share: a real redis-server, the real server as a separate process (as it is
/// deployed: the browser talks to Kestrel over TCP), one headless Chromium and a publisher.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private readonly RedisServerFixture _redis = new();
    private readonly List<HttpClient> _clients = [];
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ServerProcess? _server;
    private DispatcherPublisher? _publisher;
    private bool _redisStarted;

    /// <summary>The server's lines go to the test running now.</summary>
    public RoutedOutput Output { get; } = new();

    public ServerProcess Server => _server ?? throw new InvalidOperationException("the server did not start");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium did not start");

    public string Prefix { get; } = RedisServerFixture.NewPrefix();

    public RedisServerFixture Redis => _redis;

    public HttpClient Operator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // First, so a machine without Chromium fails every test at once with the way to fix it.
        string chromium = Chromium.ExecutablePath();
        await _redis.InitializeAsync();
        _redisStarted = true;
        var server = ServerProcess.StartAsync(_redis, Prefix, Output, new Dictionary<string, string>
        {
            ["Dispatcher__OperatorKeys__0"] = OperatorApi.Key,
            // The create page shows the test event's answer: the dashboard's own behaviour, so on here.
            ["Dispatcher__Webhooks__TestEventOnCreate"] = "true",
        });
        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions(chromium));
        }
        finally
        {
            // Awaited even when the browser did not start, so that DisposeAsync stops the process.
            _server = await StartedAsync(server);
        }
        // The operator API takes its key only as a bearer token (docs/api.md); customer keys go as X-API-Key.
        Operator = Client(OperatorApi.Key);
        Operator.DefaultRequestHeaders.Remove("X-API-Key");
        Operator.DefaultRequestHeaders.Authorization = new("Bearer", OperatorApi.Key);
        // Live regions refresh every 2 s, and a delivery crosses three processes on a busy 2-core machine.
        SetDefaultExpectTimeout(15_000);
    }

    private async Task<ServerProcess> StartedAsync(Task<ServerProcess> starting)
    {
        try
        {
            return await starting;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"the server process did not start ({e.Message}); it printed:\n{Output.Unrouted}", e);
        }
    }

    /// <summary>
    /// Fails at once, saying so, when the shared server process is gone (it crashed, or something on the
    /// machine killed it), rather than letting every later test fail on a refused connection.
    /// </summary>
    public void EnsureServerRuns()
    {
        bool runs;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(Server.Id);
            runs = !process.HasExited;
        }
        catch (ArgumentException)
        {
            runs = false;
        }
        Assert.True(runs, $"the shared server process {Server.Id} has exited; its last lines:\n{string.Join('\n', Server.Lines.TakeLast(20))}");
    }

    /// <summary>A fresh cookie jar at the size the committed screenshots have.</summary>
    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new()
    {
        BaseURL = Server.Http.ToString(),
        ViewportSize = new() { Width = 1280, Height = 800 },
        Locale = "en-GB",
        TimezoneId = "UTC",
    });

    /// <summary>A REST client sending <paramref name="key"/> as <c>X-API-Key</c>.</summary>
    public HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = Server.Http, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        lock (_clients)
        {
            _clients.Add(client);
        }
        return client;
    }

    /// <summary>A new runtime workspace with a write and a read key: what a platform gives one customer.</summary>
    public async Task<TestWorkspace> NewWorkspaceAsync()
    {
        string id = "ws_" + Guid.NewGuid().ToString("N")[..10];
        await Operator.CreateWorkspaceAsync(id);
        var (_, write) = await Operator.IssueKeyAsync(id, "write");
        var (_, read) = await Operator.IssueKeyAsync(id, "read");
        return new TestWorkspace(id, write, read, Client(write));
    }

    /// <summary>Mints a portal link through the operator API; returns the URL it answered.</summary>
    public async Task<string> PortalLinkAsync(string workspace, string scope = "write", int ttlSeconds = 600)
    {
        var (status, body) = await Operator.SendJsonAsync(HttpMethod.Post, $"/v1/admin/workspaces/{workspace}/portal-links", new { scope, ttlSeconds });
        Assert.True(status == HttpStatusCode.Created, $"minting a portal link answered {(int)status}: {body}");
        Assert.Equal(scope, body.GetProperty("scope").GetString());
        Assert.Equal(workspace, body.GetProperty("workspace").GetString());
        return body.GetProperty("url").GetString()!;
    }

    /// <summary>Publishes a <c>link.clicked</c> over gRPC, as the platform does, and checks it was accepted.</summary>
    public async Task PublishAsync(string workspace, string eventId)
    {
        _publisher ??= new DispatcherPublisher(new PublisherOptions { Address = Server.Grpc, ProducerKey = DispatcherTestServer.ProducerKey });
        var result = await _publisher.PublishAsync(TestEvents.Create(eventId, workspace: workspace)).WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(result.Status == PublishStatus.Accepted, $"publishing {eventId} answered {result.Status}: {result.Message}");
    }

    public async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _clients.ForEach(c => c.Dispose());
        try
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
        finally
        {
            if (_redisStarted)
            {
                await _redis.DisposeAsync();
            }
        }
    }
}
