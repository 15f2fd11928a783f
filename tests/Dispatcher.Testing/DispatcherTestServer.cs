using System.Net.Http.Headers;
using Dispatcher.Client.Publishing;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Trust;
using Dispatcher.Engine.Leases;
using Dispatcher.Redis;
using Dispatcher.Redis.Events;
using Dispatcher.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatcher.Testing;

/// <summary>
/// The real Dispatcher server, in this process, on Kestrel at 127.0.0.1:0 for both REST and
/// gRPC, against a real Redis (or the embedded store), with its own key prefix.
/// </summary>
public sealed class DispatcherTestServer : IAsyncDisposable
{
    public const string ProducerKey = "test_producer_key";
    public const string ApiKey = "test_api_key_a";
    public const string Workspace = "ws_a";
    public const string OtherApiKey = "test_api_key_b";
    public const string OtherWorkspace = "ws_b";

    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private DispatcherTestServer(WebApplication app, string prefix, TestLoggerProvider logs)
    {
        _app = app;
        Prefix = prefix;
        Logs = logs;
        var endpoints = app.Services.GetRequiredService<ServerEndpoints>();
        Http = endpoints.Http;
        Grpc = endpoints.Grpc;
    }

    public string Prefix { get; }

    public Uri Http { get; }

    public Uri Grpc { get; }

    public TestLoggerProvider Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Answers the server's name look-ups (create time and connect time) instead of DNS.</summary>
    public TestHostResolver Resolver => (TestHostResolver)_app.Services.GetRequiredService<IHostResolver>();

    /// <summary>Completes when the server begins to stop (e.g. it refused its configuration).</summary>
    public Task Stopping
    {
        get
        {
            var stopping = new TaskCompletionSource();
            _app.Lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
            return stopping.Task;
        }
    }

    /// <param name="redis">The Redis to use; null starts the embedded store.</param>
    /// <param name="settings">Extra configuration (e.g. <c>Dispatcher:Delivery:RetrySchedule:0</c>).</param>
    /// <param name="time">A fake clock for schedules; the system clock when null.</param>
    public static async Task<DispatcherTestServer> StartAsync(
        RedisServerFixture? redis, ITestOutputHelper? output, IDictionary<string, string?>? settings = null,
        TimeProvider? time = null, string? prefix = null)
    {
        prefix ??= RedisServerFixture.NewPrefix();
        var config = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1",
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
            ["ConnectionStrings:Redis"] = redis?.ConnectionString,
            ["Dispatcher:Redis:KeyPrefix"] = prefix,
            ["Dispatcher:ProducerKeys:0"] = ProducerKey,
            ["Dispatcher:ApiKeys:0:Key"] = ApiKey,
            ["Dispatcher:ApiKeys:0:Workspace"] = Workspace,
            ["Dispatcher:ApiKeys:1:Key"] = OtherApiKey,
            ["Dispatcher:ApiKeys:1:Workspace"] = OtherWorkspace,
            ["Dispatcher:Endpoints:AllowLocal"] = "true",
            ["Dispatcher:Partitions:Count"] = "8",
            // Tests count exact deliveries; the webhook API tests turn the create-time test event back on.
            ["Dispatcher:Webhooks:TestEventOnCreate"] = "false",
            // Tests wait on the engine's debug events (a retry being scheduled, the per-partition lease
            // lines the console leaves out) instead of sleeping.
            ["Logging:LogLevel:Dispatcher.Engine"] = "Debug",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }
        var logs = new TestLoggerProvider(output);
        var app = DispatcherHost.Build(["--environment", "Testing"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Services.AddSingleton<IHostResolver>(new TestHostResolver());
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        await app.StartAsync();
        await FirstLeaseRoundAsync(app.Services.GetRequiredService<LeaseTelemetry>(), app.Lifetime.ApplicationStopping);
        return new DispatcherTestServer(app, prefix, logs);
    }

    /// <summary>
    /// The engine writes its bookkeeping (membership, partition count, leases) in its first lease round,
    /// which runs in the background after the host has started. Tests that compare Redis before and
    /// after a refused call must take "before" after that round, or they race it. A server that refuses
    /// to start stops at once; one whose Redis is down never completes a round: after a bounded wait
    /// (real clock, 3 s, under the 5 s before the first readiness probe runs) the test goes on.
    /// </summary>
    private static async Task FirstLeaseRoundAsync(LeaseTelemetry leases, CancellationToken stopping)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (leases.RoundsEnded == 0 && !stopping.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    /// <summary>The partition a webhook's work lives in, for tests that look at its Redis keys.</summary>
    public int PartitionOf(string webhookId) => _app.Services.GetRequiredService<PartitionMap>().PartitionOf(webhookId);

    /// <summary>A key of the webhook's partition, e.g. <c>Key(id, "q")</c> for its queue.</summary>
    public string PartitionKey(string webhookId, string kind) => $"{Prefix}:{{p:{PartitionOf(webhookId)}}}:{kind}:{webhookId}";

    /// <summary>
    /// The event's body key in its home partition: always written for an accepted event, and its
    /// dedupe marker (workspace escaped as key names escape it).
    /// </summary>
    public string HomeKey(string workspaceId, string eventId) =>
        $"{Prefix}:{{p:{EventHome.Of(_app.Services.GetRequiredService<PartitionMap>(), workspaceId, eventId)}}}:ev:{KeyPart.Encode(workspaceId)}:{eventId}";

    /// <summary>A REST client authenticated as <paramref name="apiKey"/>'s workspace.</summary>
    public HttpClient Api(string apiKey = ApiKey)
    {
        var client = new HttpClient { BaseAddress = Http, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _clients.Add(client);
        return client;
    }

    public DispatcherPublisher Publisher(string producerKey = ProducerKey) =>
        new(new PublisherOptions { Address = Grpc, ProducerKey = producerKey });

    /// <summary>
    /// Declares errors this server may log (e.g. <c>e => e.EventId.Name == "PartitionRedisError"</c>), narrowly:
    /// any other Error or Critical fails the test when the server is disposed.
    /// </summary>
    public void ExpectErrors(Func<LoggedError, bool> filter) => Logs.ExpectErrors(filter);

    /// <summary>Stops the server, then fails if it logged an error the test did not expect (stopping included).</summary>
    public async ValueTask DisposeAsync()
    {
        _clients.ForEach(c => c.Dispose());
        // Once stopping has begun the shutdown check is Unhealthy by design, and the framework logs that at
        // Error whenever a check runs: the gRPC health publisher's timer (5 s after start, then every 30 s)
        // firing while the host stops, or a /readyz probe on a connection still open (Kestrel takes no new ones).
        Logs.ExpectErrors(ServerErrors.Unhealthy("shutdown"));
        await _app.StopAsync();
        await _app.DisposeAsync();
        Logs.ThrowIfUnexpectedErrors();
    }
}
