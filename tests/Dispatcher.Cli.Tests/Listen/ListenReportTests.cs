using Dispatcher.Cli.Tests.Infrastructure;
using Dispatcher.Protocol.V1;
using Dispatcher.Server.Listen;
using Dispatcher.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dispatcher.Cli.Tests.Listen;

/// <summary>
/// <c>ReportResult</c> is written by a tenant's client: what it may claim and store is bounded.
/// Driven with a raw gRPC client (what a hostile or broken CLI would send), against the real server.
/// </summary>
[Collection(ListenRedisCollection.Name)]
public sealed class ListenReportTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_report_is_refused_from_another_workspace_checked_for_its_status_and_capped_like_the_http_path()
    {
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        using var channel = GrpcChannel.ForAddress(server.Grpc);
        var client = new CliListener.CliListenerClient(channel);
        var owner = Bearer(DispatcherTestServer.ApiKey);
        var stranger = Bearer(DispatcherTestServer.OtherApiKey);
        using var listen = client.Listen(new ListenRequest { Events = { "link.clicked" } }, owner);
        string webhookId = (await NextAsync(listen)).Started.WebhookId;
        await using (var publisher = server.Publisher())
        {
            await publisher.PublishAsync(TestEvents.Create("evt_report_caps"));
        }
        var attempt = (await NextAsync(listen)).Delivery;

        // Another workspace's key cannot settle this workspace's attempt, even knowing its ids.
        var foreign = await client.ReportResultAsync(
            new DeliveryReport { WebhookId = webhookId, AttemptId = attempt.AttemptId, StatusCode = 200 }, stranger);
        Assert.False(foreign.Accepted, "a report sent with another workspace's API key was accepted");
        // Nor can the owner settle it under another webhook's name.
        var misnamed = await client.ReportResultAsync(
            new DeliveryReport { WebhookId = "wh_someone_else", AttemptId = attempt.AttemptId, StatusCode = 200 }, owner);
        Assert.False(misnamed.Accepted, "a report naming another webhook was accepted");
        // A status that is no HTTP status is a clear error, not a result.
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await client.ReportResultAsync(
            new DeliveryReport { WebhookId = webhookId, AttemptId = attempt.AttemptId, StatusCode = 1234 }, owner));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);

        // The owner's report still settles it; a megabyte of body and error keep 4 KB each, like the HTTP path.
        var own = await client.ReportResultAsync(new DeliveryReport
        {
            WebhookId = webhookId,
            AttemptId = attempt.AttemptId,
            StatusCode = 500,
            ResponseBody = new string('b', 1_000_000),
        }, owner);
        Assert.True(own.Accepted);
        await server.Logs.WaitForAsync("AttemptSettled");
        var (_, log) = await server.Api().SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries");
        var entry = Assert.Single(log.GetProperty("data").EnumerateArray());
        Assert.Equal(500, entry.GetProperty("statusCode").GetInt32());
        Assert.Equal(4096, entry.GetProperty("responseBody").GetString()!.Length);
    }

    [Fact]
    public void A_connections_outbound_channel_is_bounded_and_says_so_when_full()
    {
        var connection = new ListenConnection(DispatcherTestServer.Workspace);
        for (int i = 0; i < ListenConnection.Capacity; i++)
        {
            Assert.True(connection.TryWrite(new ForwardedDelivery { AttemptId = $"a{i}" }));
        }

        Assert.False(connection.TryWrite(new ForwardedDelivery { AttemptId = "one_too_many" }), "the outbound channel took more than its capacity");
        Assert.True(connection.IsFull);
    }

    [Fact]
    public void The_cap_cuts_whole_characters_and_leaves_a_short_report_as_it_is()
    {
        // 3 bytes per character: 4 KB holds 1365 of them, never a torn one.
        var report = new DeliveryReport { ResponseBody = new string('€', 2_000), Error = "connection refused" };

        var capped = ListenReportLimits.Capped(report, 4096);

        Assert.Equal(1365, capped.ResponseBody.Length);
        Assert.Equal("connection refused", capped.Error);
        var small = new DeliveryReport { ResponseBody = "ok" };
        Assert.Same(small, ListenReportLimits.Capped(small, 4096));
    }

    private static Metadata Bearer(string apiKey) => new() { { "authorization", $"Bearer {apiKey}" } };

    private static async Task<ListenMessage> NextAsync(AsyncServerStreamingCall<ListenMessage> call)
    {
        using var timeout = new CancellationTokenSource(Wait);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the listen stream ended");
        return call.ResponseStream.Current;
    }
}
