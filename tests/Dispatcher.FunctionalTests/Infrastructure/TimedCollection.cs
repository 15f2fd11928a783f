using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests;

/// <summary>
/// Tests that measure real arrival rates, a propagation delay or the process's heap: xunit runs them
/// after every other collection, alone, so no test beside them takes the CPU or allocates on the heap
/// they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis-timed";
}
