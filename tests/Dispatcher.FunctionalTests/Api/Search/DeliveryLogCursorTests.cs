using System.Net;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api.Search;

/// <summary>Paging the delivery log with its cursor while deliveries keep arriving.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class DeliveryLogCursorTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Paging_with_the_cursor_while_new_deliveries_arrive_neither_skips_nor_repeats()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        // evt_p3's first attempt fails: its delivery has two attempts, which a page boundary splits.
        int p3 = 0;
        receiver.Respond = (request, _) => Task.FromResult(request.BodyText.Contains("evt_p3") && Interlocked.Increment(ref p3) == 1 ? 500 : 200);
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        var webhook = await api.CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        int settled = 0;
        async Task PublishAsync(string eventId)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await publisher.PublishAsync(TestEvents.Create(eventId));
            await server.Logs.WaitForAsync("AttemptSettled", ++settled);
        }

        await PublishAsync("evt_p1");
        await PublishAsync("evt_p2");
        await PublishAsync("evt_p3");
        clock.Advance(TimeSpan.FromSeconds(67));
        await server.Logs.WaitForAsync("AttemptSettled", ++settled);
        await PublishAsync("evt_p4");
        await PublishAsync("evt_p5");

        var (page1, cursor1) = await PageAsync(api, webhook.Id, "limit=2");
        Assert.Equal(["evt_p5:1", "evt_p4:1"], page1);
        await PublishAsync("evt_new1");
        var (page2, cursor2) = await PageAsync(api, webhook.Id, $"limit=2&cursor={cursor1}");
        Assert.Equal(["evt_p3:2", "evt_p3:1"], page2);
        await PublishAsync("evt_new2");
        var (page3, cursor3) = await PageAsync(api, webhook.Id, $"limit=2&cursor={cursor2}");
        Assert.Equal(["evt_p2:1", "evt_p1:1"], page3);
        Assert.Null(cursor3);

        // A cursor inside a delivery: the rest of its attempts come first.
        var (split, splitCursor) = await PageAsync(api, webhook.Id, "limit=5");
        Assert.Equal(["evt_new2:1", "evt_new1:1", "evt_p5:1", "evt_p4:1", "evt_p3:2"], split);
        Assert.Equal(["evt_p3:1", "evt_p2:1"], (await PageAsync(api, webhook.Id, $"limit=2&cursor={splitCursor}")).Page);

        // The offset form clients used before the cursor still pages, and answers with an offset.
        var (byOffset, offsetCursor) = await PageAsync(api, webhook.Id, "limit=2&cursor=5");
        Assert.Equal(["evt_p3:1", "evt_p2:1"], byOffset);
        Assert.Equal("7", offsetCursor);
    }

    private static async Task<(List<string> Page, string? NextCursor)> PageAsync(HttpClient api, string webhookId, string query)
    {
        var (status, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{webhookId}/deliveries?{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        string? next = log.GetProperty("nextCursor").GetString();
        return (log.GetProperty("data").EnumerateArray()
            .Select(e => $"{e.GetProperty("eventId").GetString()}:{e.GetProperty("attempt").GetInt32()}").ToList(),
            next is null ? null : Uri.EscapeDataString(next));
    }
}
