using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Infrastructure;

/// <summary>
/// The command tests share one redis-server (the shared fixture of Dispatcher.Testing); each isolates itself by
/// key prefix. The listen tests have their own (<see cref="ListenRedisCollection"/>) and run beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CliRedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "cli-redis";
}
