using System.Text.Json;
using StackExchange.Redis;

namespace Dispatcher.Redis.Directory;

/// <summary>
/// Runtime workspaces and keys in Redis. Every write is one transaction that changes the records and
/// bumps <see cref="RedisKeys.DirectoryVersion"/>; the new version is then published on
/// <see cref="RedisKeys.DirectoryChanged"/> so every instance reloads at once (and polls the version
/// in case a message is lost). Conditional writes compare the record as read, so two operators
/// racing on one workspace end with one winner and a clear conflict for the other.
/// </summary>
public sealed class DirectoryStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private IDatabase Db => redis.GetDatabase();

    public async Task<long> VersionAsync() => (long?)await Db.StringGetAsync(keys.DirectoryVersion).ConfigureAwait(false) ?? 0;

    public async Task<DirectorySnapshot> LoadAsync()
    {
        var read = Db.CreateTransaction();
        var version = read.StringGetAsync(keys.DirectoryVersion);
        var workspaces = read.HashGetAllAsync(keys.DirectoryWorkspaces);
        var runtimeKeys = read.HashGetAllAsync(keys.DirectoryKeys);
        await read.ExecuteAsync().ConfigureAwait(false);
        return new DirectorySnapshot(
            (long?)await version.ConfigureAwait(false) ?? 0,
            (await workspaces.ConfigureAwait(false)).Select(e => Parse(e.Value, DirectoryJson.Default.RuntimeWorkspace)).ToList(),
            (await runtimeKeys.ConfigureAwait(false)).Select(e => Parse(e.Value, DirectoryJson.Default.RuntimeKey)).ToList());
    }

    public async Task<RuntimeWorkspace?> GetWorkspaceAsync(string id) =>
        await Db.HashGetAsync(keys.DirectoryWorkspaces, id).ConfigureAwait(false) is { HasValue: true } value
            ? Parse(value, DirectoryJson.Default.RuntimeWorkspace)
            : null;

    public async Task<RuntimeKey?> GetKeyAsync(string keyId) =>
        await Db.HashGetAsync(keys.DirectoryKeys, keyId).ConfigureAwait(false) is { HasValue: true } value
            ? Parse(value, DirectoryJson.Default.RuntimeKey)
            : null;

    /// <summary>
    /// Writes <paramref name="after"/> if the stored record is still <paramref name="before"/> (null: none
    /// stored). False when it changed meanwhile.
    /// </summary>
    public Task<bool> PutWorkspaceAsync(RuntimeWorkspace? before, RuntimeWorkspace after) =>
        WriteAsync(tx =>
        {
            tx.AddCondition(before is null
                ? Condition.HashNotExists(keys.DirectoryWorkspaces, after.Id)
                : Condition.HashEqual(keys.DirectoryWorkspaces, after.Id, Serialize(before)));
            _ = tx.HashSetAsync(keys.DirectoryWorkspaces, after.Id, Serialize(after));
        });

    /// <summary>
    /// Stores <paramref name="issued"/> and, for a rotation, <paramref name="rotated"/> (the old key with its
    /// expiry), together; with <paramref name="workspace"/> (a runtime workspace as read), only if it is
    /// unchanged, so a key cannot be issued into a workspace being deleted.
    /// </summary>
    public Task<bool> PutKeysAsync(RuntimeKey issued, (RuntimeKey Before, RuntimeKey After)? rotated = null, RuntimeWorkspace? workspace = null) =>
        WriteAsync(tx =>
        {
            tx.AddCondition(Condition.HashNotExists(keys.DirectoryKeys, issued.Id));
            if (workspace is not null)
            {
                tx.AddCondition(Condition.HashEqual(keys.DirectoryWorkspaces, workspace.Id, Serialize(workspace)));
            }
            if (rotated is { } r)
            {
                tx.AddCondition(Condition.HashEqual(keys.DirectoryKeys, r.Before.Id, Serialize(r.Before)));
                _ = tx.HashSetAsync(keys.DirectoryKeys, r.After.Id, Serialize(r.After));
            }
            _ = tx.HashSetAsync(keys.DirectoryKeys, issued.Id, Serialize(issued));
        });

    /// <summary>Revokes keys: their records are deleted, so no instance accepts them once it has reloaded.</summary>
    public Task<bool> RemoveKeysAsync(IReadOnlyList<string> keyIds) =>
        keyIds.Count == 0
            ? Task.FromResult(true)
            : WriteAsync(tx => _ = tx.HashDeleteAsync(keys.DirectoryKeys, keyIds.Select(k => (RedisValue)k).ToArray()));

    private async Task<bool> WriteAsync(Action<ITransaction> writes)
    {
        var tx = Db.CreateTransaction();
        writes(tx);
        var version = tx.StringIncrementAsync(keys.DirectoryVersion);
        if (!await tx.ExecuteAsync().ConfigureAwait(false))
        {
            return false;
        }
        await Db.PublishAsync(keys.DirectoryChanged, await version.ConfigureAwait(false)).ConfigureAwait(false);
        return true;
    }

    private static string Serialize(RuntimeWorkspace workspace) => JsonSerializer.Serialize(workspace, DirectoryJson.Default.RuntimeWorkspace);

    private static string Serialize(RuntimeKey key) => JsonSerializer.Serialize(key, DirectoryJson.Default.RuntimeKey);

    private static T Parse<T>(RedisValue value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize((string)value!, type) ?? throw new InvalidDataException($"an empty directory record in Redis: {value}");
}
