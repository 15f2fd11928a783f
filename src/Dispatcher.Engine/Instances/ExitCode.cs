namespace Dispatcher.Engine.Instances;

/// <summary>
/// The process exit code a component asks for when it stops the server on purpose (e.g. a
/// configuration that contradicts what Redis recorded). Program returns it.
/// </summary>
public sealed class ExitCode
{
    public int Value { get; set; }
}
