using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests;

/// <summary>
/// Functional tests share one redis-server; each isolates itself by key prefix. Defined here, not in
/// Dispatcher.Testing: xunit v2 only sees collection definitions in the test assembly itself.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
