using Dispatcher.Testing;

namespace Dispatcher.Cli.Tests.Infrastructure;

/// <summary>
/// The listen tests' own redis-server, so they run beside the command tests (xunit runs collections in
/// parallel): both halves mostly wait on processes starting, leases moving and the CLI answering, and
/// neither measures a rate. Each test still isolates itself by key prefix.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ListenRedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "cli-listen-redis";
}
