namespace Dispatcher.Architecture.Tests;

/// <summary>The checkout the tests run from: the directory above the binaries that holds Dispatcher.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dispatcher.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("no Dispatcher.sln above " + AppContext.BaseDirectory);
    }
}
