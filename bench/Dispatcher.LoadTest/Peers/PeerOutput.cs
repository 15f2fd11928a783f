using System.Text.Json;

namespace Dispatcher.LoadTest.Peers;

/// <summary>The one JSON line a peer prints: <c>{"peer":…,"delivered_per_s":…,"seconds":…}</c>.</summary>
public static class PeerOutput
{
    public static (double DeliveredPerSecond, double Seconds)? Parse(IEnumerable<string> lines)
    {
        foreach (string line in lines.Reverse())
        {
            if (!line.StartsWith("{\"peer\"", StringComparison.Ordinal))
            {
                continue;
            }
            using var json = JsonDocument.Parse(line);
            return (json.RootElement.GetProperty("delivered_per_s").GetDouble(), json.RootElement.GetProperty("seconds").GetDouble());
        }
        return null;
    }
}
