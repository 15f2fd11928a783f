namespace Dispatcher.LoadTest.Peers;

/// <summary>
/// The peers live read-only in ../shared/peers/; each is copied to a cache folder of the harness
/// (~/.cache/dispatcher-loadtest/) where its packages are installed once and reused by later runs.
/// </summary>
public static class PeerSource
{
    public static string? SharedFolder(string peer)
    {
        string folder = Path.GetFullPath(Path.Combine(RepositoryRoot.Find(), "..", "shared", "peers", peer));
        return Directory.Exists(folder) ? folder : null;
    }

    /// <summary>Copies the peer's files (not its build output or packages) into its cache folder.</summary>
    public static string CopyToCache(string sharedFolder, string peer)
    {
        string cacheRoot = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        string target = Path.Combine(cacheRoot, "dispatcher-loadtest", peer);
        Directory.CreateDirectory(target);
        foreach (string file in Directory.GetFiles(sharedFolder))
        {
            string destination = Path.Combine(target, Path.GetFileName(file));
            if (!File.Exists(destination) || File.ReadAllBytes(destination).AsSpan().SequenceEqual(File.ReadAllBytes(file)) is false)
            {
                File.Copy(file, destination, overwrite: true);
            }
        }
        return target;
    }
}
