namespace Dispatcher.LoadTest.Ceilings;

/// <summary>A ceiling of this machine: operations/s of a tool that does only that, or why it was not measured.</summary>
public sealed record CeilingResult(string Name, double PerSecond, string Command, string? Skipped)
{
    public static CeilingResult Skip(string name, string reason) => new(name, 0, "", reason);
}
