namespace Dispatcher.Server.Store;

/// <summary>Which store the server talks to, for start-up logs and health.</summary>
/// <param name="ConnectionString">The connection string without its password: safe to log.</param>
/// <param name="DataPath">The embedded store's data folder; null for an external Redis.</param>
public sealed record RedisTarget(string Kind, string ConnectionString, string? DataPath);
