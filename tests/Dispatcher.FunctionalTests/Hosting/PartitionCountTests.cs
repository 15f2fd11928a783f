using Dispatcher.Engine.Instances;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatcher.FunctionalTests.Hosting;

/// <summary>The partition count is fixed at the first start: queued work is keyed by it.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class PartitionCountTests(RedisServerFixture redis, ITestOutputHelper output)
{
    [Fact]
    public async Task A_changed_partition_count_stops_the_server_with_a_clear_line()
    {
        string prefix = RedisServerFixture.NewPrefix();
        await using (var first = await DispatcherTestServer.StartAsync(redis, output, prefix: prefix))
        {
            await first.Api().CreateWebhookAsync(new Uri("https://a.example.com/h"), "link.clicked");
        }
        Assert.Equal("8", await redis.Db.StringGetAsync($"{prefix}:meta:partitions"));

        await using var second = await DispatcherTestServer.StartAsync(redis, output,
            new Dictionary<string, string?> { ["Dispatcher:Partitions:Count"] = "16" }, prefix: prefix);
        // The changed count is the scene: the server must refuse it with this Critical line and stop.
        second.ExpectErrors(e => e.EventId.Name == "PartitionCountMismatch");
        string line = await second.Logs.WaitForAsync("PartitionCountMismatch");

        Assert.Contains("is 16 but this Redis was set up with 8", line);
        await second.Stopping.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal("8", await redis.Db.StringGetAsync($"{prefix}:meta:partitions"));
        Assert.Equal(2, second.Services.GetRequiredService<ExitCode>().Value);
    }
}
