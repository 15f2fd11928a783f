using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Infrastructure;

/// <summary>The CLI tests share one redis-server (the shared fixture of Dispatcher.Testing); each isolates itself by key prefix.</summary>
[CollectionDefinition(Name)]
public sealed class CliRedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "cli-redis";
}
