using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests;

/// <summary>
/// Tests that measure real arrival rates, a propagation delay or the process's heap, or that count a
/// server's metrics exactly: xunit runs them after every other collection, alone, so no test beside
/// them takes the CPU or allocates on the heap they measure. Metrics because the exporter listens to
/// every meter of its name in the process (OpenTelemetry's AddMeter is by name, not by host): a server
/// of a collection running beside would add its counts to the scrape.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis-timed";
}
