using System.Net;
using Dispatcher.Testing;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Dispatcher.FunctionalTests.Health;

/// <summary>/healthz says alive, /readyz and gRPC health say whether work can be taken.</summary>
[Collection(RedisCollection.Name)]
public sealed class HealthTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Ready_follows_redis_while_alive_stays_up()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var http = new HttpClient { BaseAddress = server.Http };
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        var grpcHealth = new Grpc.Health.V1.Health.HealthClient(channel);
        // Ready needs a lease round behind it too (see ReadinessTests).
        await server.Logs.WaitForAsync("PartitionsHeld");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await grpcHealth.CheckAsync(new HealthCheckRequest())).Status);

        // Redis is killed on purpose: the server says so once, and the health checks (polled by /readyz and the
        // gRPC health publisher) report Redis, and the lease loop past its TTL, Unhealthy at Error until it is back.
        server.ExpectErrors(ServerErrors.RedisConnectionLost);
        server.ExpectErrors(ServerErrors.Unhealthy("redis"));
        server.ExpectErrors(ServerErrors.Unhealthy("leases"));
        redis.StopProcess();
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            await redis.StartProcessAsync();
        }

        // Ready again once Redis answers (the multiplexer reconnects on its own schedule).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await http.GetAsync("/readyz", timeout.Token)).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(200, timeout.Token);
        }
    }
}
