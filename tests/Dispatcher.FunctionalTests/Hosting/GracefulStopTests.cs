using Dispatcher.Redis;
using Dispatcher.Redis.Leases;
using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Hosting;

/// <summary>Ctrl-C and a service manager's stop: a clean exit, status 0, every lease handed back.</summary>
[Collection(SurfaceCollection.Name)]
public sealed class GracefulStopTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const int Partitions = 8; // ServerProcess's partition count

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_stops_the_server_with_status_0_and_hands_every_lease_back(string signal)
    {
        string prefix = RedisServerFixture.NewPrefix();
        var keys = new RedisKeys(prefix);
        var leases = new LeaseStore(redis.Connection, keys);
        await using var server = await ServerProcess.StartAsync(redis, prefix, output);
        await server.WaitForOutputAsync(
            lines => lines.Any(l => l.Contains($"Delivering {Partitions} of {Partitions} partitions", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), $"PartitionsHeld for all {Partitions} partitions");

        int status = await server.SignalAndWaitAsync(signal, TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(server.Lines, l => l.Contains("Unhandled exception", StringComparison.OrdinalIgnoreCase)
            || l.Contains("ObjectDisposedException", StringComparison.Ordinal));
        Assert.Equal(0, status);
        Assert.Contains(server.Lines, l => l.Contains("Handed back every partition lease", StringComparison.Ordinal));
        for (int p = 0; p < Partitions; p++)
        {
            Assert.Null(await leases.HolderAsync(p));
            Assert.Equal("1", (string?)await redis.Db.HashGetAsync(keys.LeaseEpoch(p), "released"));
        }
    }
}
