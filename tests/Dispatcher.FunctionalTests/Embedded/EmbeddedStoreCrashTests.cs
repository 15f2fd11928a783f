using System.Collections.Concurrent;
using Dispatcher.Client.Publishing;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Embedded;

/// <summary>
/// A server on the embedded Garnet store killed with kill -9 at any moment loses no event it
/// acknowledged: Garnet answers a write only once it is committed to its append-only log, and a
/// script cut off by the kill is completed by the producer's re-send. Five kills at random points
/// prove it in the suite (about 30 s on two shared cores: each start is a new process that replays
/// the log); for a soak, set DISPATCHER_CRASH_KILLS (e.g. 100) and run this test alone.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class EmbeddedStoreCrashTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly int Kills =
        int.TryParse(Environment.GetEnvironmentVariable("DISPATCHER_CRASH_KILLS"), out int kills) && kills > 0 ? kills : 5;
    private const int Producers = 4;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killed_repeatedly_while_publishing_it_delivers_every_acknowledged_event()
    {
        string dataPath = Directory.CreateTempSubdirectory("dispatcher-garnet-crash-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = "", // none: the embedded store
            ["Dispatcher__EmbeddedStore__DataPath"] = dataPath,
            // Short leases and claims: the last server takes over the killed ones' work within seconds.
            ["Dispatcher__Delivery__RequestTimeout"] = "00:00:01",
            ["Dispatcher__Delivery__ClaimTimeout"] = "00:00:06",
            ["Dispatcher__Partitions__LeaseTtl"] = "00:00:03",
            ["Dispatcher__Partitions__TakeoverDelay"] = "00:00:00",
            ["Dispatcher__Delivery__RatePerSecond"] = "2000",
            ["Dispatcher__Delivery__Burst"] = "100",
        };
        var ports = (Ports.Free(), Ports.Free());
        int seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var receiver = await TestReceiver.StartAsync();
        var acked = new ConcurrentQueue<string>();
        using var ack = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        ServerProcess? server = null;
        try
        {
            server = await ServerProcess.StartAsync(redis, "dsp", output, settings, ports);
            using (var api = new HttpClient { BaseAddress = server.Http })
            {
                api.DefaultRequestHeaders.Authorization = new("Bearer", DispatcherTestServer.ApiKey);
                // Standard Webhooks: the event id travels in the webhook-id header.
                await api.CreateFormatWebhookAsync(receiver.Url(), "standard-webhooks", "link.clicked");
            }
            // One publisher throughout, as a producer would run: it re-sends whatever was not acknowledged.
            await using var publisher = new DispatcherPublisher(new PublisherOptions
            {
                Address = server.Grpc,
                ProducerKey = DispatcherTestServer.ProducerKey,
                MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            });
            var producers = Enumerable.Range(0, Producers).Select(p => Task.Run(async () =>
            {
                for (int i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        if ((await publisher.PublishAsync(TestEvents.Create($"evt_crash_{p}_{i}"), stop.Token)).Status == PublishStatus.Accepted)
                        {
                            acked.Enqueue($"evt_crash_{p}_{i}");
                            ack.Release();
                        }
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                }
            })).ToArray();

            for (int kill = 0; kill < Kills; kill++)
            {
                // A random point: after 1 to 80 more acknowledgements, with publishes in flight.
                await AcksAsync(ack, random.Next(1, 81), $"acknowledgements before kill {kill + 1}");
                output.WriteLine($"kill {kill + 1} at {clock.Elapsed.TotalSeconds:0.0} s after {acked.Count} acknowledgements");
                server.Kill();
                await server.DisposeAsync();
                server = await ServerProcess.StartAsync(redis, "dsp", output, settings, ports);
            }
            await AcksAsync(ack, 1, "an acknowledgement from the last server");
            await stop.CancelAsync();
            await Task.WhenAll(producers).WaitAsync(Timeout);

            var expected = acked.ToHashSet();
            var delivered = new HashSet<string>(receiver.All.Select(r => r.Header("webhook-id")!));
            while (!expected.IsSubsetOf(delivered))
            {
                try
                {
                    delivered.Add((await receiver.NextAsync(Timeout)).Header("webhook-id")!);
                }
                catch (TimeoutException)
                {
                    var missing = expected.Except(delivered).Order().ToList();
                    Assert.Fail($"{missing.Count} of {expected.Count} acknowledged events never delivered, e.g. {string.Join(", ", missing.Take(10))}");
                }
            }
            output.WriteLine($"{Kills} kills: {expected.Count} acknowledged, all delivered ({receiver.All.Count} requests) at {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            await stop.CancelAsync();
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task AcksAsync(SemaphoreSlim ack, int count, string expected)
    {
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            for (int i = 0; i < count; i++)
            {
                await ack.WaitAsync(cts.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"within {Timeout}: expected {count} {expected}");
        }
    }
}
