namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>
/// The Chromium the tests drive: Debian's <c>chromium</c> (test.sh installs it) or the one
/// <c>DISPATCHER_CHROMIUM</c> names. Playwright's own browser download is never used: these machines
/// cannot fetch it, and a test that found no browser must fail, not pass by skipping.
/// </summary>
public static class Chromium
{
    public const string Variable = "DISPATCHER_CHROMIUM";
    private const string Debian = "/usr/bin/chromium";

    /// <summary>The browser executable, or an exception that says how to get one.</summary>
    public static string ExecutablePath()
    {
        string? named = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(named))
        {
            return File.Exists(named)
                ? named
                : throw new InvalidOperationException($"{Variable} names {named}, which does not exist");
        }
        return File.Exists(Debian)
            ? Debian
            : throw new InvalidOperationException(
                $"chromium is not installed ({Debian} is missing): run ./test.sh, which installs it, or " +
                $"`apt-get install chromium`, or set {Variable} to a Chromium executable");
    }

    public static BrowserTypeLaunchOptions LaunchOptions(string executable) => new()
    {
        ExecutablePath = executable,
        Headless = true,
        // Chromium refuses to start its sandbox as root (containers, CI); the pages it opens are our own.
        Args = Environment.IsPrivilegedProcess ? ["--no-sandbox"] : [],
    };
}
