using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Scaling;

/// <summary>A holder cut off from Redis stops sending at its own lease deadline, abandoning attempts in flight.</summary>
[Collection(RedisCollection.Name)]
public sealed class LeaseDeadlineTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task With_redis_unreachable_the_holder_abandons_its_attempt_in_flight_when_its_lease_runs_out()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dispatcher:Partitions:LeaseTtl"] = "00:00:03",
            // Far longer than the lease: only the lease deadline can end the hanging attempt in time.
            ["Dispatcher:Delivery:RequestTimeout"] = "00:01:00",
            ["Dispatcher:Delivery:ClaimTimeout"] = "00:06:00",
        };
        await using var receiver = await TestReceiver.StartAsync();
        var abandoned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = async (_, aborted) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, aborted);
            }
            catch (OperationCanceledException)
            {
                abandoned.TrySetResult();
            }
            return 200;
        };
        await using var server = await DispatcherTestServer.StartAsync(redis, output, settings);
        // Standard Webhooks sets no timeout of its own, so the deployment's minute applies.
        await server.Api().CreateFormatWebhookAsync(receiver.Url(), "standard-webhooks", "link.clicked");
        await using (var publisher = server.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_deadline_1"));
        }
        await receiver.NextAsync();

        // Redis is killed on purpose: the server says so once, and the health checks (polled by /readyz and the
        // gRPC health publisher) report Redis, and the lease loop past its TTL, Unhealthy at Error until it is back.
        server.ExpectErrors(ServerErrors.RedisConnectionLost);
        server.ExpectErrors(ServerErrors.Unhealthy("redis"));
        server.ExpectErrors(ServerErrors.Unhealthy("leases"));
        redis.StopProcess();
        try
        {
            // The lease (3 s) runs out well before the request timeout (60 s) would end the attempt.
            string lost = await server.Logs.WaitForAsync("LeaseLost", timeout: TimeSpan.FromSeconds(20));
            await abandoned.Task.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Contains("renewed", lost, StringComparison.Ordinal);
        }
        finally
        {
            await redis.StartProcessAsync();
        }
    }
}
