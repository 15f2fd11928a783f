using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Observability;

/// <summary>The Dispatcher meter counts what a known workload did, with bounded tags only.</summary>
[Collection(TimedCollection.Name)]
public sealed class MetricsTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task Ingest_attempts_and_status_changes_are_counted()
    {
        await using var receiver = await TestReceiver.StartAsync();
        receiver.Respond = (_, _) => Task.FromResult(410);
        await using var server = await DispatcherTestServer.StartAsync(redis, output);
        var measurements = new ConcurrentDictionary<string, long>();
        using var listener = Listen(server, measurements);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_m1"));
        await publisher.PublishAsync(TestEvents.Create("evt_m1"));
        await publisher.PublishAsync(TestEvents.Create("evt_m2", type: "link.created"));
        await publisher.PublishAsync(TestEvents.Create("evt_m3", type: "nope"));
        await server.Logs.WaitForAsync("AttemptSettled");

        Assert.Equal(2, measurements.GetValueOrDefault("dispatcher.ingest.events|outcome=accepted|reason="));
        Assert.Equal(1, measurements.GetValueOrDefault("dispatcher.ingest.events|outcome=duplicate|reason="));
        Assert.Equal(1, measurements.GetValueOrDefault("dispatcher.ingest.events|outcome=rejected|reason=UnknownEventType"));
        Assert.Equal(1, measurements.GetValueOrDefault("dispatcher.delivery.attempts|outcome=disabled|http.status_class=4xx"));
        Assert.Equal(1, measurements.GetValueOrDefault("dispatcher.delivery.duration|http.status_class=4xx"));
        Assert.Equal(1, measurements.GetValueOrDefault("dispatcher.webhook.status_changes|status=disabled"));
        // No tag carries an id or a URL.
        Assert.DoesNotContain(measurements.Keys, k => k.Contains("evt_") || k.Contains("wh_") || k.Contains("http://"));
    }

    /// <summary>Sums this server's Dispatcher measurements by instrument and tags (also used by other tests).</summary>
    internal static MeterListener Listen(DispatcherTestServer server, ConcurrentDictionary<string, long> measurements)
    {
        var scope = server.Services.GetRequiredService<IMeterFactory>();
        var listener = new MeterListener
        {
            // Only this server's meter: other servers in this process have meters of their own.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == scope && instrument.Meter.Name == "Dispatcher")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, tags, value));
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Add(instrument, tags, 1));
        listener.Start();
        return listener;

        void Add(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags, long value)
        {
            string key = instrument.Name + string.Concat(tags.ToArray().Select(t => $"|{t.Key}={t.Value}"));
            measurements.AddOrUpdate(key, value, (_, total) => total + value);
        }
    }
}
