using Dispatcher.Client.Publishing;
using Dispatcher.Testing;
using static Dispatcher.FunctionalTests.Aggregation.Aggregates;

namespace Dispatcher.FunctionalTests.Aggregation;

/// <summary>The aggregation scripts run on the embedded Garnet store as they do on Redis.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class AggregationEmbeddedStoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("dispatcher-garnet-").FullName;

    [Fact]
    public async Task Embedded_store_counts_clicks_once_and_emits_the_aggregate()
    {
        var clock = Clock();
        var settings = Settings;
        settings["Dispatcher:EmbeddedStore:DataPath"] = _dataPath;
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(null, output, settings, clock);
        await server.Api().CreateWebhookAsync(receiver.Url(), AggregateType);
        await using var publisher = server.Publisher();

        var clicks = new[] { Click("evt_1", "lnk_a"), Click("evt_2", "lnk_b", "link_id"), Click("evt_3", "lnk_a") };
        var results = await Task.WhenAll(clicks.Concat(clicks).Select(c => publisher.PublishAsync(c)));
        Assert.Equal(clicks.Length, results.Count(r => r.Status == PublishStatus.Accepted));
        clock.Advance(TimeSpan.FromSeconds(42));
        var data = DataOf(await receiver.NextAsync());

        Assert.Equal(3, data.GetProperty("total_clicks").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["lnk_a"] = 2, ["lnk_b"] = 1 }, CountsOf(data));
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);
}
