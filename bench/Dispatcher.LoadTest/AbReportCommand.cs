using System.Text.Json;
using Dispatcher.LoadTest.Reporting;

namespace Dispatcher.LoadTest;

/// <summary>
/// <c>ab-report DIR --out FILE [--command TEXT]</c>: reads DIR/&lt;NN&gt;-&lt;label&gt;/scenario1.json (bench/ab.sh's
/// runs, the folder names sorting in the order they ran) and writes the A/B table.
/// </summary>
public static class AbReportCommand
{
    public const string Verb = "ab-report";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            await Console.Error.WriteLineAsync("usage: ab-report DIR --out FILE [--command TEXT]");
            return 2;
        }
        string dir = args[0];
        string output = Value(args, "--out") ?? Path.Combine(dir, "ab.md");
        var runs = new List<(string, ScenarioOneReport)>();
        foreach (string run in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            string file = Path.Combine(run, ScenarioOneReport.FileName);
            if (!File.Exists(file))
            {
                // A run that failed wrote nothing; ab.sh says so in its own output.
                continue;
            }
            string name = Path.GetFileName(run);
            string label = name.Contains('-', StringComparison.Ordinal) ? name[(name.IndexOf('-', StringComparison.Ordinal) + 1)..] : name;
            runs.Add((label, JsonSerializer.Deserialize<ScenarioOneReport>(await File.ReadAllTextAsync(file), Json)!));
        }
        await File.WriteAllTextAsync(output, AbTable.Render(runs, Value(args, "--command") ?? "bench/ab.sh"));
        Console.WriteLine($"{runs.Count} runs → {output}");
        return runs.Count > 0 ? 0 : 1;
    }

    private static string? Value(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
