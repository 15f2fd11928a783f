using System.Diagnostics;
using Dispatcher.Server.Hosting;
using Dispatcher.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatcher.FunctionalTests.Hosting;

/// <summary>The server as an operator starts it: a real process, its exit code and what it prints.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class StartupTests(RedisServerFixture redis)
{
    [Fact]
    public async Task Production_without_keys_refuses_to_start_with_one_clear_line_per_setting()
    {
        var (exitCode, stdout, stderr) = await RunServerAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });

        Assert.Equal(2, exitCode);
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.StartsWith("Dispatcher cannot start: Dispatcher:ProducerKeys is empty", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Dispatcher cannot start: Dispatcher:ApiKeys is empty", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", stdout + stderr);
    }

    [Fact]
    public async Task A_bad_setting_names_itself()
    {
        var (exitCode, _, stderr) = await RunServerAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Dispatcher__ProducerKeys__0"] = "producer_key_1",
            ["Dispatcher__ApiKeys__0__Key"] = "api_key_0001",
            ["Dispatcher__ApiKeys__0__Workspace"] = "ws_1",
            ["Dispatcher__Delivery__ClaimTimeout"] = "00:00:05",
        });

        Assert.Equal(2, exitCode);
        Assert.Equal(
            "Dispatcher cannot start: Dispatcher:Delivery:ClaimTimeout must be longer than 50 s (RequestTimeout × (EndpointQueueCapacity / ConcurrencyPerEndpoint + 1)), or a slow endpoint's deliveries would be sent twice",
            stderr.Trim());
    }

    [Theory]
    [InlineData("Dispatcher__ProducerKeys__0", "short", "Dispatcher:ProducerKeys: every key needs at least 8 characters")]
    [InlineData("Dispatcher__ApiKeys__0__Key", "short", "Dispatcher:ApiKeys:0:Key needs at least 8 characters")]
    [InlineData("Dispatcher__Ingest__MaxEventsPerRequest", "0", "Dispatcher:Ingest:MaxEventsPerRequest must be positive")]
    [InlineData("Dispatcher__Ingest__MaxRequestBytes", "1000", "Dispatcher:Ingest:MaxRequestBytes must be at least MaxEventBytes + 1024 (263168), so one event of the largest allowed data fits")]
    [InlineData("Dispatcher__Ingest__DedupeWindow", "00:00:30", "Dispatcher:Ingest:DedupeWindow must be at least 1 minute")]
    [InlineData("Dispatcher__Delivery__RequestTimeout", "00:00:00", "Dispatcher:Delivery:RequestTimeout must be positive")]
    [InlineData("Dispatcher__Delivery__IdlePoll", "00:00:00", "Dispatcher:Delivery:IdlePoll must be positive")]
    [InlineData("Dispatcher__Delivery__Burst", "0", "Dispatcher:Delivery:Burst must be between 1 and 10000")]
    [InlineData("Dispatcher__Delivery__ConcurrencyPerEndpoint", "0", "Dispatcher:Delivery:ConcurrencyPerEndpoint must be between 1 and 256")]
    [InlineData("Dispatcher__Delivery__EndpointQueueCapacity", "0", "Dispatcher:Delivery:EndpointQueueCapacity must be between 1 and 4096")]
    [InlineData("Dispatcher__Delivery__LogEntries", "0", "Dispatcher:Delivery:LogEntries must be between 1 and 10000")]
    [InlineData("Dispatcher__Delivery__LogRetention", "00:00:30", "Dispatcher:Delivery:LogRetention must be at least 1 minute")]
    [InlineData("Dispatcher__Delivery__DisableAfterFailures", "0", "Dispatcher:Delivery:DisableAfterFailures must be at least 1")]
    [InlineData("Dispatcher__Delivery__MaxRetryAfter", "-00:00:01", "Dispatcher:Delivery:MaxRetryAfter must not be negative")]
    [InlineData("Dispatcher__Redis__KeyPrefix", "a{b", "Dispatcher:Redis:KeyPrefix must be non-empty and contain no '{'")]
    [InlineData("Dispatcher__Telemetry__SampleInterval", "00:00:00.010", "Dispatcher:Telemetry:SampleInterval must be at least 100 ms")]
    [InlineData("Dispatcher__Telemetry__OtlpEndpoint", "otel-collector:4317", "Dispatcher:Telemetry:OtlpEndpoint must be an absolute http:// or https:// URL")]
    [InlineData("Dispatcher__EmbeddedStore__Port", "70000", "Dispatcher:EmbeddedStore:Port must be between 0 and 65535")]
    [InlineData("Dispatcher__EmbeddedStore__DataPath", " ", "Dispatcher:EmbeddedStore:DataPath must not be empty")]
    [InlineData("Dispatcher__Partitions__Count", "0", "Dispatcher:Partitions:Count is 0; it must be between 1 and 4096")]
    [InlineData("Dispatcher__Delivery__RatePerSecond", "0", "Dispatcher:Delivery:RatePerSecond must be between 1 and 10000")]
    [InlineData("Dispatcher__Delivery__RetrySchedule__0", "-5", "Dispatcher:Delivery:RetrySchedule: every delay must be a positive number of seconds")]
    [InlineData("Dispatcher__Delivery__RetryJitter", "2", "Dispatcher:Delivery:RetryJitter must be between 0 and 1")]
    [InlineData("Dispatcher__Delivery__RetrySchedule__0", "700000", "Dispatcher:Delivery:RetrySchedule spans up to 213.89 h with jitter, longer than the event retention Dispatcher:Ingest:DedupeWindow (168 h): its last attempts would find the event gone")]
    [InlineData("Dispatcher__Ingest__MaxEventBytes", "0", "Dispatcher:Ingest:MaxEventBytes must be positive")]
    [InlineData("Dispatcher__Partitions__LeaseTtl", "00:00:00.5", "Dispatcher:Partitions:LeaseTtl must be at least 1 second")]
    [InlineData("Dispatcher__DefaultFormat", "zapier", "Dispatcher:DefaultFormat is 'zapier'; it must be one of cd4cd, snip, georedir, awsys, elido, standard-webhooks")]
    [InlineData("Dispatcher__Delivery__MaxSignedBodyBytes", "100", "Dispatcher:Delivery:MaxSignedBodyBytes must be at least 1024")]
    [InlineData("Dispatcher__PublicUrl", "/relative", "Dispatcher:PublicUrl must be an absolute http:// or https:// URL")]
    [InlineData("Dispatcher__ApiKeys__0__Workspace", "has space", "Dispatcher:ApiKeys:0:Workspace must be 1-128 printable characters without spaces")]
    [InlineData("Dispatcher__Endpoints__AllowedNetworks__0", "10.1.2.3/16", "Dispatcher:Endpoints:AllowedNetworks:0 is '10.1.2.3/16'; it must be a network in CIDR form with no host bits set, e.g. 10.20.0.0/16")]
    [InlineData("Dispatcher__Endpoints__AllowedNetworks__0", "intranet", "Dispatcher:Endpoints:AllowedNetworks:0 is 'intranet'; it must be a network in CIDR form with no host bits set, e.g. 10.20.0.0/16")]
    [InlineData("Dispatcher__Endpoints__TrustedCaCertificates__0", "/nonexistent/ca.pem", "Dispatcher:Endpoints:TrustedCaCertificates:0: no file at '/nonexistent/ca.pem'")]
    [InlineData("Dispatcher__Endpoints__TrustedCaCertificates__0", "/etc/passwd", "Dispatcher:Endpoints:TrustedCaCertificates:0: '/etc/passwd' holds no PEM certificate")]
    public async Task Each_invalid_setting_stops_the_server_with_its_own_line(string name, string value, string line)
    {
        var (exitCode, _, stderr) = await RunServerAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Dispatcher__ProducerKeys__0"] = "producer_key_1",
            ["Dispatcher__ApiKeys__0__Key"] = "api_key_0001",
            ["Dispatcher__ApiKeys__0__Workspace"] = "ws_1",
            [name] = value,
        });

        Assert.Equal(2, exitCode);
        Assert.Equal("Dispatcher cannot start: " + line, stderr.Trim());
    }

    [Fact]
    public async Task Logs_can_be_json_lines_for_collectors()
    {
        string prefix = RedisServerFixture.NewPrefix();
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var server = await ServerProcess.StartAsync(redis, prefix, new LineCollector(lines),
            new Dictionary<string, string> { ["Logging__Console__FormatterName"] = "json" });

        string up = Assert.Single(lines, l => l.Contains("Dispatcher is up"));
        using var json = System.Text.Json.JsonDocument.Parse(up["server: ".Length..]);
        Assert.Equal(1, json.RootElement.GetProperty("EventId").GetInt32());
        Assert.Equal("Dispatcher.Server", json.RootElement.GetProperty("Category").GetString());
    }

    [Fact]
    public async Task Development_runs_with_no_configuration_on_the_sample_keys_and_says_so()
    {
        var logs = new TestLoggerProvider(null);
        var app = DispatcherHost.Build(["--environment", "Development"], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:0",
                ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
                ["ConnectionStrings:Redis"] = redis.ConnectionString,
                ["Dispatcher:Redis:KeyPrefix"] = RedisServerFixture.NewPrefix(),
            });
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
        });
        await app.StartAsync();
        try
        {
            string line = await logs.WaitForAsync("SampleKeys");
            Assert.Contains("dev_api_key", line);
            using var client = new HttpClient { BaseAddress = app.Services.GetRequiredService<ServerEndpoints>().Http };
            client.DefaultRequestHeaders.Add("X-API-Key", "dev_api_key");
            var (status, _) = await client.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
                new { endpoint = "http://127.0.0.1:9000/hook", events = new[] { "link.clicked" } });
            Assert.Equal(System.Net.HttpStatusCode.Created, status);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_address_in_use_stops_the_server_with_one_line_that_names_it_not_a_crash()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        int port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, _, stderr) = await RunServerAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{port}",
        });

        Assert.Equal(2, exitCode);
        Assert.DoesNotContain("Unhandled exception", stderr);
        Assert.StartsWith($"Dispatcher cannot start: Failed to bind to address http://127.0.0.1:{port}: address already in use.", stderr.Trim());
        Assert.Contains("Kestrel__Endpoints__Grpc__Url", stderr);
    }

    private async Task<(int ExitCode, string Stdout, string Stderr)> RunServerAsync(Dictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "Dispatcher.Server.dll"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ConnectionStrings__Redis"] = redis.ConnectionString;
        psi.Environment["Kestrel__Endpoints__Http__Url"] = "http://127.0.0.1:0";
        psi.Environment["Kestrel__Endpoints__Grpc__Url"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the server was expected to refuse to start, but it kept running: " + await stdout);
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
