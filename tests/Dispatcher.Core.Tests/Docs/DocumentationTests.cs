namespace Dispatcher.Core.Tests.Docs;

/// <summary>
/// The README stays short enough to read in five minutes, and every link in it and in docs/ works
/// in a bare clone: the reference is moved and renamed often, and nothing else would notice a
/// link left behind.
/// </summary>
public sealed class DocumentationTests
{
    private const int ReadmeLimitBytes = 10 * 1024;

    [Fact]
    public void The_readme_is_at_most_ten_kilobytes()
    {
        long size = new FileInfo(Path.Combine(RepositoryRoot(), "README.md")).Length;

        Assert.True(size <= ReadmeLimitBytes, $"README.md is {size} bytes; at most {ReadmeLimitBytes}: move reference material to docs/");
    }

    [Fact]
    public void Every_link_in_the_readme_and_docs_resolves_inside_the_repository()
    {
        string root = RepositoryRoot();
        var pages = Directory.GetFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path))
            .Prepend("README.md")
            .ToList();

        var problems = DocumentationLinks.Problems(root, pages);

        Assert.True(pages.Count > 1, "no pages found under docs/");
        Assert.True(problems.Count == 0, "broken links:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void A_missing_file_a_missing_heading_and_a_link_out_of_the_repository_are_each_reported()
    {
        string root = Directory.CreateTempSubdirectory("dispatcher-docs-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "docs"));
            File.WriteAllText(Path.Combine(root, "docs", "a.md"), "# A\n\n## The ingest contract (`ingest.proto`)\n");
            File.WriteAllText(Path.Combine(root, "README.md"), """
                # R
                [fine](docs/a.md#the-ingest-contract-ingestproto) and [self](#r)
                [gone](docs/b.md) and [no heading](docs/a.md#nowhere)
                [out](../shared/docs/architecture.md) and [web](https://example.com/x)
                `[in code](docs/none.md)`

                    [indented code](docs/none.md)
                """);

            var problems = DocumentationLinks.Problems(root, ["README.md"]);

            Assert.Equal(
            [
                "README.md: (docs/b.md) names no file",
                "README.md: (docs/a.md#nowhere) names no heading #nowhere in docs/a.md",
                "README.md: (../shared/docs/architecture.md) points outside the repository",
                "README.md: (https://example.com/x) points outside the repository",
            ], problems);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dispatcher.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Dispatcher.sln above {AppContext.BaseDirectory}");
    }
}
