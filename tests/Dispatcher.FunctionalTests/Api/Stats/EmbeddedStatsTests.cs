using Dispatcher.Redis.Stats;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Api.Stats;

/// <summary>
/// The counters on embedded Garnet, whose Lua is 5.4: a float where Redis's 5.1 prints an integer
/// would make a field "5.0:succeeded", and settle.lua counts inside a pcall, so nothing else would tell.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class EmbeddedStatsTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("dispatcher-garnet-").FullName;

    [Fact]
    public async Task Attempts_are_counted_and_the_status_time_stamped_on_the_embedded_store()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(null, output,
            new Dictionary<string, string?> { ["Dispatcher:EmbeddedStore:DataPath"] = _dataPath }, clock);
        var api = server.Api();
        string id = (await api.CreateWebhookAsync(receiver.Url(), "link.clicked")).Id;
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_garnet_counted"));
        await server.Logs.WaitForAsync("AttemptSettled", 1);

        var (_, hour) = await api.SendJsonAsync(HttpMethod.Get, $"/v1/webhooks/{id}/stats");
        Assert.Equal(1, hour.GetProperty("buckets")[59].GetProperty("succeeded").GetInt64());
        Assert.Equal(1, hour.GetProperty("totals").GetProperty("successRate").GetDouble());
        var summaries = await server.Services.GetRequiredService<WebhookStatsReader>()
            .SummariesAsync(DispatcherTestServer.Workspace, [id], CancellationToken.None);
        Assert.Equal(new WebhookActivity(1, 1, 1, clock.GetUtcNow()), summaries[id]);

        clock.Advance(TimeSpan.FromMinutes(2));
        var (_, disabled) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{id}/disable");
        Assert.Equal(clock.GetUtcNow(), disabled.GetProperty("statusChangedAt").GetDateTimeOffset());
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);
}
