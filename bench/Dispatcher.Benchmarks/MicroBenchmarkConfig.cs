using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;

namespace Dispatcher.Benchmarks;

/// <summary>
/// The one configuration every micro-benchmark runs with: the default loggers, columns, analysers
/// and validators, the memory diagnoser (allocated bytes per operation is the figure to compare),
/// and GitHub markdown plus JSON reports under <c>bench/results/micro/</c>.
/// </summary>
public sealed class MicroBenchmarkConfig : ManualConfig
{
    private const string SolutionFile = "Dispatcher.sln";

    public MicroBenchmarkConfig()
    {
        var defaults = DefaultConfig.Instance;
        AddLogger([.. defaults.GetLoggers()]);
        AddColumnProvider([.. defaults.GetColumnProviders()]);
        AddAnalyser([.. defaults.GetAnalysers()]);
        AddValidator([.. defaults.GetValidators()]);
        AddDiagnoser(MemoryDiagnoser.Default);
        AddExporter(MarkdownExporter.GitHub, JsonExporter.Full);
        ArtifactsPath = Path.Combine(FindRepositoryRoot(), "bench", "results", "micro");
    }

    /// <summary>
    /// Walks up from the working directory, then from the assembly's folder (BenchmarkDotNet runs
    /// from bin/), to the folder holding Dispatcher.sln.
    /// </summary>
    private static string FindRepositoryRoot()
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
        throw new InvalidOperationException($"{SolutionFile} was not found above {Directory.GetCurrentDirectory()} or {AppContext.BaseDirectory}.");
    }
}
