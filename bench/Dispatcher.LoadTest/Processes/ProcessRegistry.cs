namespace Dispatcher.LoadTest.Processes;

/// <summary>
/// Every child still running, so that Ctrl+C, an unhandled error or the end of the run kills them
/// all — each by its own id, never by name.
/// </summary>
public static class ProcessRegistry
{
    private static readonly List<ChildProcess> Running = [];

    public static void Add(ChildProcess child)
    {
        lock (Running)
        {
            Running.Add(child);
        }
    }

    public static void Remove(ChildProcess child)
    {
        lock (Running)
        {
            Running.Remove(child);
        }
    }

    public static void KillAll()
    {
        ChildProcess[] all;
        lock (Running)
        {
            all = [.. Running];
        }
        foreach (var child in all)
        {
            child.Kill();
        }
    }
}
