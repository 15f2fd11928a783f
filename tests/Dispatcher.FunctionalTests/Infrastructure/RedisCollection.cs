namespace Dispatcher.FunctionalTests.Infrastructure;

/// <summary>Functional tests share one redis-server; each isolates itself by key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
