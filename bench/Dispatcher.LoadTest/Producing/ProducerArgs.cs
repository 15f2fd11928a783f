using System.Globalization;

namespace Dispatcher.LoadTest.Producing;

/// <summary>The producer process's command line: <c>produce --grpc URL --phase NAME --prefix WS --endpoints E --count N [--rate R] [--acks FILE]</c>.</summary>
public sealed record ProducerArgs(Uri Grpc, string Phase, string WorkspacePrefix, int Endpoints, int Count, double RatePerSecond, string? AcksFile)
{
    public IEnumerable<string> ToArguments()
    {
        yield return ProducerCommand.Verb;
        yield return "--grpc";
        yield return Grpc.ToString();
        yield return "--phase";
        yield return Phase;
        yield return "--prefix";
        yield return WorkspacePrefix;
        yield return "--endpoints";
        yield return Endpoints.ToString(CultureInfo.InvariantCulture);
        yield return "--count";
        yield return Count.ToString(CultureInfo.InvariantCulture);
        yield return "--rate";
        yield return RatePerSecond.ToString("R", CultureInfo.InvariantCulture);
        if (AcksFile is not null)
        {
            yield return "--acks";
            yield return AcksFile;
        }
    }

    public static ProducerArgs Parse(string[] args)
    {
        string Get(string name) => Find(args, name) ?? throw new ArgumentException($"produce: {name} is required");
        return new ProducerArgs(
            new Uri(Get("--grpc")),
            Get("--phase"),
            Get("--prefix"),
            int.Parse(Get("--endpoints"), CultureInfo.InvariantCulture),
            int.Parse(Get("--count"), CultureInfo.InvariantCulture),
            double.Parse(Find(args, "--rate") ?? "0", CultureInfo.InvariantCulture),
            Find(args, "--acks"));
    }

    private static string? Find(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
