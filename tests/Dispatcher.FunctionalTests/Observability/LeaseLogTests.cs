using System.Net;
using Dispatcher.FunctionalTests.Infrastructure;

namespace Dispatcher.FunctionalTests.Observability;

/// <summary>Partition ownership changes each get one log line an operator can search for.</summary>
[Collection(RedisCollection.Name)]
public sealed class LeaseLogTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string?> TwoShortLeases = new()
    {
        ["Dispatcher:Partitions:Count"] = "2",
        ["Dispatcher:Partitions:LeaseTtl"] = "00:00:03",
    };

    [Fact]
    public async Task Acquired_by_the_first_instance_and_taken_over_by_the_second_when_it_stops()
    {
        string prefix = RedisServerFixture.NewPrefix();
        var first = await DispatcherTestServer.StartAsync(redis, output, TwoShortLeases, prefix: prefix);
        await first.Logs.WaitForAsync("PartitionAcquired", 2);
        await using var second = await DispatcherTestServer.StartAsync(redis, output, TwoShortLeases, prefix: prefix);
        await ReadyAsync(second);

        await first.DisposeAsync();
        Assert.Contains(first.Logs.Entries, e => e.Id.Name == "PartitionsReleased");
        await second.Logs.WaitForAsync("PartitionTakenOver", 2);
        Assert.DoesNotContain(second.Logs.Entries, e => e.Id.Name == "PartitionAcquired");
    }

    /// <summary>Ready means the second's lease loop has had an answer (both partitions held elsewhere).</summary>
    private static async Task ReadyAsync(DispatcherTestServer server)
    {
        using var http = new HttpClient { BaseAddress = server.Http };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while ((await http.GetAsync("/readyz", timeout.Token)).StatusCode != HttpStatusCode.OK)
        {
            await Task.Delay(50, timeout.Token);
        }
    }
}
