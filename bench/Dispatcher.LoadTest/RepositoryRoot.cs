namespace Dispatcher.LoadTest;

/// <summary>The folder holding Dispatcher.sln, found by walking up from the working directory, then from bin/.</summary>
public static class RepositoryRoot
{
    private const string SolutionFile = "Dispatcher.sln";

    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException($"{SolutionFile} was not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}; pass --out <folder>.");
    }
}
