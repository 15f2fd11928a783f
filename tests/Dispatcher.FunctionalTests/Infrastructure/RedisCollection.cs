using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests;

/// <summary>
/// The engine's tests (delivery, ingest, scaling, health, the embedded store) share one redis-server;
/// each isolates itself by key prefix. They run one after another, beside <see cref="SurfaceCollection"/>'s,
/// which have a redis-server of their own; <see cref="TimedCollection"/>'s run alone at the end.
/// Defined here, not in Dispatcher.Testing: xunit v2 only sees collection definitions in the test
/// assembly itself.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis";
}
