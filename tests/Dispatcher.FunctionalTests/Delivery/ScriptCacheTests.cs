using Dispatcher.Client.Publishing;
using Dispatcher.Server.Store;
using Dispatcher.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Dispatcher.FunctionalTests.Delivery;

/// <summary>
/// The scripts are called by their SHA (StackExchange.Redis loads each once, then sends EVALSHA).
/// A store forgets its script cache on a restart, a failover or a SCRIPT FLUSH; the next call then
/// meets NOSCRIPT and must fall back to sending the script, on Redis and on the embedded Garnet alike,
/// with nothing refused, delayed to a retry or logged as an error.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class ScriptCacheTests(RedisServerFixture redis, ITestOutputHelper output) : IDisposable
{
    private readonly string _dataPath = Directory.CreateTempSubdirectory("dispatcher-garnet-").FullName;

    [Theory]
    [InlineData("redis")]
    [InlineData("garnet")]
    public async Task After_the_store_flushes_its_script_cache_ingest_and_delivery_go_on(string store)
    {
        await using var receiver = await TestReceiver.StartAsync();
        var settings = new Dictionary<string, string?> { ["Dispatcher:EmbeddedStore:DataPath"] = _dataPath };
        await using var server = await DispatcherTestServer.StartAsync(store == "redis" ? redis : null, output, settings);
        await server.Api().CreateWebhookAsync(receiver.Url(), "link.clicked");
        await using var publisher = server.Publisher();
        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_before_flush"))).Status);
        await receiver.NextAsync();
        await server.Logs.WaitForAsync("AttemptSettled");

        // On a connection of its own: flushing through the server's would also reset what its
        // client remembers as loaded, and the server would never meet NOSCRIPT.
        string address = server.Services.GetRequiredService<RedisTarget>().ConnectionString;
        await using (var other = await ConnectionMultiplexer.ConnectAsync(address))
        {
            await other.GetDatabase().ExecuteAsync("SCRIPT", "FLUSH");
        }

        long noScriptBefore = store == "redis" ? await NoScriptErrorsAsync() : 0;

        Assert.Equal(PublishStatus.Accepted, (await publisher.PublishAsync(TestEvents.Create("evt_after_flush"))).Status);
        Assert.Contains("evt_after_flush", (await receiver.NextAsync()).BodyText);
        await server.Logs.WaitForAsync("AttemptSettled", 2);
        if (store == "redis")
        {
            // The calls did meet the empty cache (Redis counts each NOSCRIPT it answered) and went on.
            Assert.True(await NoScriptErrorsAsync() > noScriptBefore, "no EVALSHA met NOSCRIPT after the flush");
        }
        // Neither a refused write nor a claim or settle put off to a retry.
        Assert.DoesNotContain(server.Logs.Entries, e => e.Id.Name is "IngestRedisUnavailable" or "PartitionRedisError" or "SettleFailed");
    }

    /// <summary>How many NOSCRIPT errors the fixture's Redis has answered (<c>INFO errorstats</c>).</summary>
    private async Task<long> NoScriptErrorsAsync()
    {
        string info = (await redis.Db.ExecuteAsync("INFO", "errorstats")).ToString();
        var line = info.Split('\n').FirstOrDefault(l => l.StartsWith("errorstat_NOSCRIPT:count=", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["errorstat_NOSCRIPT:count=".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);
}
