namespace Dispatcher.Redis.Directory;

/// <summary>Everything the directory holds at one version, read in one transaction.</summary>
public sealed record DirectorySnapshot(long Version, IReadOnlyList<RuntimeWorkspace> Workspaces, IReadOnlyList<RuntimeKey> Keys)
{
    public static DirectorySnapshot Empty { get; } = new(0, [], []);
}
