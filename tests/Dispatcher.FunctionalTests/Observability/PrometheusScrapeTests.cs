using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Observability;

/// <summary>/metrics, scraped after a known workload, shows its counts.</summary>
[Collection(TimedCollection.Name)]
public sealed class PrometheusScrapeTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task The_scrape_shows_the_counts_of_a_known_workload()
    {
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        await publisher.PublishAsync(TestEvents.Create("evt_p1"));
        await publisher.PublishAsync(TestEvents.Create("evt_p2"));
        await publisher.PublishAsync(TestEvents.Create("evt_p2"));
        await receiver.NextAsync();
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled", 2);

        using var http = new HttpClient { BaseAddress = server.Http };
        string scrape = await http.GetStringAsync("/metrics");
        output.WriteLine(scrape);

        Assert.Equal(2, Scrape.Sample(scrape, "dispatcher_ingest_events_total", "outcome=\"accepted\""));
        Assert.Equal(1, Scrape.Sample(scrape, "dispatcher_ingest_events_total", "outcome=\"duplicate\""));
        Assert.Equal(2, Scrape.Sample(scrape, "dispatcher_delivery_attempts_total", "outcome=\"succeeded\""));
        Assert.Equal(2, Scrape.Sample(scrape, "dispatcher_delivery_duration_seconds_count", "http_status_class=\"2xx\""));
    }
}
