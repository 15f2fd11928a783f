using System.Text.Json;
using Dispatcher.Protocol.V1;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Aggregation;

/// <summary>Clicks to publish and aggregates to read back, for the aggregation tests.</summary>
public static class Aggregates
{
    public const string AggregateType = "link.clicked.aggregated";

    /// <summary>Server settings that let tests wait on the closer's passes (a debug event).</summary>
    public static Dictionary<string, string?> Settings => new() { ["Logging:LogLevel:Dispatcher.Server.Aggregation"] = "Debug" };

    /// <summary>A fake clock 20 s into the current UTC minute, so a click's window is known.</summary>
    public static Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock()
    {
        var now = DateTimeOffset.UtcNow;
        return new(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 20, TimeSpan.Zero));
    }

    public static DateTimeOffset MinuteOf(DateTimeOffset at) => new(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero);

    /// <summary>A click on <paramref name="link"/> under <paramref name="property"/>; null for a click naming no link.</summary>
    public static Event Click(string id, string? link, string property = "linkId") =>
        TestEvents.Create(id, data: link is null ? """{"country":"SA"}""" : $$"""{"{{property}}":"{{link}}","country":"SA"}""");

    /// <summary>The data of an aggregated delivery (and asserts it is one).</summary>
    public static JsonElement DataOf(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(AggregateType, body.RootElement.GetProperty("type").GetString());
        return body.RootElement.GetProperty("data").Clone();
    }

    public static Dictionary<string, long> CountsOf(JsonElement data) =>
        data.GetProperty("links").EnumerateArray().ToDictionary(l => l.GetProperty("link_id").GetString()!, l => l.GetProperty("clicks").GetInt64());

    public static bool IsAggregate(ReceivedRequest request)
    {
        using var body = JsonDocument.Parse(request.Body);
        return body.RootElement.GetProperty("type").GetString() == AggregateType;
    }

    /// <summary>Keys the aggregation left in Redis (open windows, the index): none once every window is emitted.</summary>
    public static async Task<List<string>> OpenWindowKeysAsync(RedisServerFixture redis, string prefix) =>
        (await redis.KeysAsync(prefix)).Where(k => k.Contains(":win:") || k.EndsWith(":open") || k.EndsWith(":agg:workspaces")).ToList();

    /// <summary>
    /// The next request at <paramref name="receiver"/> when another instance may hold the
    /// partition: its pump only looks again after its idle poll on its own (fake) clock, so each
    /// round moves the clocks on by that poll (1 s) and waits for the request.
    /// </summary>
    public static async Task<ReceivedRequest> NextAcrossInstancesAsync(TestReceiver receiver, params Microsoft.Extensions.Time.Testing.FakeTimeProvider[] clocks)
    {
        for (int round = 0; ; round++)
        {
            foreach (var clock in clocks)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
            try
            {
                return await receiver.NextAsync(TimeSpan.FromSeconds(3));
            }
            catch (TimeoutException) when (round < 4)
            {
                // The idle pump may have re-armed its poll just after the clock moved: move it again.
            }
        }
    }
}
