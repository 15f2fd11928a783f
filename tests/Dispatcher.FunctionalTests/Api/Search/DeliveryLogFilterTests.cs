using System.Net;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api.Search;

/// <summary>The delivery log's filters: each narrows the listing by the delivery's summary, alone and together.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class DeliveryLogFilterTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Each_filter_narrows_the_log_to_the_deliveries_it_names()
    {
        // Whole milliseconds: the log keeps times in ms, and the range below cuts exactly at these.
        var start = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var clock = new FakeTimeProvider(start);
        await using var receiver = await TestReceiver.StartAsync();
        // The event id in the body picks the answer: a status of each class, and a cut connection (no status).
        receiver.Respond = (request, _) => Task.FromResult(
            request.BodyText.Contains("evt_404") ? 404 : request.BodyText.Contains("evt_500") ? 500 : request.BodyText.Contains("evt_302") ? 302 : 200);
        receiver.Abort = request => request.BodyText.Contains("evt_net");
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        string id = await SearchWebhooks.CreateWithoutRetriesAsync(api, receiver, "link.clicked", "qr.scanned");
        await using var publisher = server.Publisher();

        // One second apart, so the time range can cut between them: evt_ok at +0 s … evt_qr_ok at +5 s.
        (string Event, string Type)[] sent =
            [("evt_ok", "link.clicked"), ("evt_404", "link.clicked"), ("evt_500", "qr.scanned"), ("evt_302", "link.clicked"), ("evt_net", "link.clicked"), ("evt_qr_ok", "qr.scanned")];
        for (int i = 0; i < sent.Length; i++)
        {
            await publisher.PublishAsync(TestEvents.Create(sent[i].Event, sent[i].Type));
            await server.Logs.WaitForAsync("AttemptSettled", i + 1);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(["evt_qr_ok", "evt_ok"], await EventsAsync(api, id, "outcome=succeeded"));
        Assert.Equal(["evt_net", "evt_302", "evt_500", "evt_404"], await EventsAsync(api, id, "outcome=failed"));
        Assert.Equal(["evt_qr_ok", "evt_ok"], await EventsAsync(api, id, "statusClass=2xx"));
        Assert.Equal(["evt_302"], await EventsAsync(api, id, "statusClass=3xx"));
        Assert.Equal(["evt_404"], await EventsAsync(api, id, "statusClass=4xx"));
        Assert.Equal(["evt_500"], await EventsAsync(api, id, "statusClass=5xx"));
        Assert.Equal(["evt_net"], await EventsAsync(api, id, "statusClass=none"));
        Assert.Equal(["evt_500", "evt_404"], await EventsAsync(api, id, "statusClass=4xx,5xx"));
        Assert.Equal(["evt_qr_ok", "evt_500"], await EventsAsync(api, id, "eventType=qr.scanned"));
        // [since, until): +2 s and +3 s.
        Assert.Equal(["evt_302", "evt_500"], await EventsAsync(api, id, $"since={Time(start.AddSeconds(2))}&until={Time(start.AddSeconds(4))}"));
        Assert.Equal(["evt_qr_ok", "evt_net"], await EventsAsync(api, id, $"since={Time(start.AddSeconds(4))}"));
        Assert.Equal(["evt_404", "evt_ok"], await EventsAsync(api, id, $"until={Time(start.AddSeconds(2))}"));
        Assert.Equal(["evt_net", "evt_302", "evt_404"],
            await EventsAsync(api, id, $"outcome=failed&eventType=link.clicked&since={Time(start.AddSeconds(1))}"));
        Assert.Empty(await EventsAsync(api, id, "eventType=link.created"));

        await AssertRefusedAsync(api, id, "statusClass=6xx", "INVALID_STATUS_CLASS");
        await AssertRefusedAsync(api, id, "outcome=lost", "INVALID_OUTCOME");
        await AssertRefusedAsync(api, id, "since=yesterday", "INVALID_SINCE");
        await AssertRefusedAsync(api, id, $"since={Time(start.AddSeconds(3))}&until={Time(start.AddSeconds(3))}", "INVALID_UNTIL");
        await AssertRefusedAsync(api, id, "cursor=c1_not-a-cursor", "INVALID_CURSOR");
    }

    private static string Time(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<List<string>> EventsAsync(HttpClient api, string id, string query)
    {
        var (status, log) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?{query}");
        Assert.True(status == HttpStatusCode.OK, $"{query}: {status} {log}");
        return log.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()!).ToList();
    }

    private static async Task AssertRefusedAsync(HttpClient api, string id, string query, string code)
    {
        var (status, error) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/deliveries?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(code, error.GetProperty("error").GetProperty("code").GetString());
    }
}
