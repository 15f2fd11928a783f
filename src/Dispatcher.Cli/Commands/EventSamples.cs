using System.Text.Json;

namespace Dispatcher.Cli.Commands;

/// <summary>The sample <c>data</c> of every catalogue event type (<c>Samples/events.json</c>, embedded).</summary>
public static class EventSamples
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(Load);

    public static IEnumerable<string> Types => All.Value.Keys;

    public static bool TryGet(string type, out string data) => All.Value.TryGetValue(type, out data!);

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(EventSamples).Assembly.GetManifestResourceStream("Dispatcher.Cli.Samples.events.json")
            ?? throw new InvalidOperationException("the sample events are missing from the assembly");
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
    }
}
