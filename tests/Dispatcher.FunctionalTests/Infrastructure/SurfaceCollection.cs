using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests;

/// <summary>
/// The product's surface (the REST API, hosting, auth, workspaces, notifications, observability, the
/// seeds): one after another on a redis-server of their own, beside <see cref="RedisCollection"/>'s
/// tests, so the suite keeps both cores busy. Nothing here measures a rate or the heap.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SurfaceCollection : ICollectionFixture<RedisServerFixture>
{
    public const string Name = "redis-surface";
}
