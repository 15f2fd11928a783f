using System.Collections.Frozen;
using Dispatcher.Engine.Holds;
using Dispatcher.Redis.Directory;

namespace Dispatcher.Server.Workspaces;

/// <summary>
/// This instance's copy of the runtime workspaces and keys Redis holds (<see cref="DirectoryStore"/>),
/// looked at on every authenticated call. It is replaced whole by <see cref="ReloadAsync"/>, which
/// <see cref="DirectoryRefresher"/> runs on every change announced (and, as a backstop, whenever the
/// version in Redis moved), and the operator API after each of its own writes.
/// </summary>
public sealed class WorkspaceDirectory(DirectoryStore store, TimeProvider time) : IWorkspaceHolds
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile View _view = View.From(DirectorySnapshot.Empty);

    public long Version => _view.Version;

    /// <summary>A live runtime key matching <paramref name="presented"/> (a rotated key until its overlap ends).</summary>
    public RuntimeKey? FindKey(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || !presented.StartsWith("dsk_", StringComparison.Ordinal))
        {
            return null;
        }
        return _view.KeysByHash.TryGetValue(KeyHash.Of(presented), out var key) && key.IsLive(time.GetUtcNow()) ? key : null;
    }

    /// <summary>A live runtime key by its SHA-256: what a dashboard session signed in with a key checks on each request.</summary>
    public RuntimeKey? FindKeyByHash(string hash) =>
        _view.KeysByHash.TryGetValue(hash, out var key) && key.IsLive(time.GetUtcNow()) ? key : null;

    /// <summary>The runtime record of a workspace, tombstones included; null for one never created at runtime.</summary>
    public RuntimeWorkspace? Find(string workspaceId) => _view.Workspaces.GetValueOrDefault(workspaceId);

    public IReadOnlyCollection<RuntimeWorkspace> Workspaces => _view.Workspaces.Values;

    public IEnumerable<RuntimeKey> KeysOf(string workspaceId) => _view.KeysByHash.Values.Where(k => k.Workspace == workspaceId);

    /// <summary>Suspended or deleted: nothing may be published to it.</summary>
    public WorkspaceState? Refused(string workspaceId) =>
        Find(workspaceId) is { State: WorkspaceState.Suspended or WorkspaceState.Deleted } workspace ? workspace.State : null;

    /// <summary>The engine asks this before each delivery: a suspended workspace's deliveries wait.</summary>
    public bool IsHeld(string workspaceId) => Find(workspaceId)?.State == WorkspaceState.Suspended;

    /// <summary>Reads the whole directory if Redis's version differs from ours (or <paramref name="force"/>); true when it changed.</summary>
    public async Task<bool> ReloadAsync(bool force = false)
    {
        await _reload.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!force && await store.VersionAsync().ConfigureAwait(false) == _view.Version)
            {
                return false;
            }
            _view = View.From(await store.LoadAsync().ConfigureAwait(false));
            return true;
        }
        finally
        {
            _reload.Release();
        }
    }

    private sealed record View(long Version, FrozenDictionary<string, RuntimeWorkspace> Workspaces, FrozenDictionary<string, RuntimeKey> KeysByHash)
    {
        public static View From(DirectorySnapshot snapshot) => new(
            snapshot.Version,
            snapshot.Workspaces.ToFrozenDictionary(w => w.Id, StringComparer.Ordinal),
            snapshot.Keys.ToFrozenDictionary(k => k.Hash, StringComparer.Ordinal));
    }
}
