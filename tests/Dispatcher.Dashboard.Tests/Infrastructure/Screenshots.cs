namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>
/// Screenshots of the main pages (the viewport, 1280×800): always into <c>screenshots/</c> of the test
/// output folder, and with <c>DISPATCHER_UPDATE_SCREENSHOTS=1</c> also over the committed copies in
/// <c>docs/dashboard/</c>, which the README shows.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "DISPATCHER_UPDATE_SCREENSHOTS";

    public static string OutputFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(OutputFolder);
        byte[] png = await page.ScreenshotAsync(new() { Path = Path.Combine(OutputFolder, name + ".png"), Animations = ScreenshotAnimations.Disabled });
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            string docs = Path.Combine(RepositoryRoot(), "docs", "dashboard");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, name + ".png"), png);
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
