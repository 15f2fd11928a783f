namespace Dispatcher.LoadTest.Processes;

/// <summary>Finds the external programs the harness runs (redis-server, wrk, node, …) on PATH.</summary>
public static class Tools
{
    public static string? Find(string name)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append("/usr/bin").Append("/usr/local/bin").Append("/usr/sbin");
        foreach (string dir in dirs)
        {
            string candidate = Path.Combine(dir, name);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    public static string Require(string name, string hint) =>
        Find(name) ?? throw new InvalidOperationException($"{name} is not installed ({hint})");
}
