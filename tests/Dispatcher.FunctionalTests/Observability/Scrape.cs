namespace Dispatcher.FunctionalTests.Observability;

/// <summary>Reads samples out of a Prometheus text scrape.</summary>
public static class Scrape
{
    /// <summary>The value of the one sample of <paramref name="metric"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public static double Sample(string scrape, string metric, params string[] labels)
    {
        return Value(Assert.Single(scrape.Split('\n'), l => IsSampleOf(l, metric) && labels.All(l.Contains)));
    }

    /// <summary>The value of one sample line: "name{labels} value [timestamp]" or "name value [timestamp]".</summary>
    public static double Value(string line)
    {
        string rest = line.Contains('}') ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ')..];
        return double.Parse(rest.Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every label set of <paramref name="metric"/> in the scrape.</summary>
    public static IReadOnlyList<string> Lines(string scrape, string metric) =>
        scrape.Split('\n').Where(l => IsSampleOf(l, metric)).ToList();

    private static bool IsSampleOf(string line, string metric) =>
        line.StartsWith(metric + "{", StringComparison.Ordinal) || line.StartsWith(metric + " ", StringComparison.Ordinal);
}
