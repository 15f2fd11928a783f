using System.Globalization;

namespace Dispatcher.LoadTest.Producing;

/// <summary>
/// The producer process's command line: <c>produce --grpc URL --phase NAME --prefix WS --endpoints E
/// --count N [--rate R] [--acks FILE] [--shard I/N]</c>. With a shard, it publishes only the seqs
/// <c>I, I+N, I+2N …</c> of the phase's <c>0 … N-1</c>, so N producers (one per instance) share one phase.
/// </summary>
public sealed record ProducerArgs(
    Uri Grpc, string Phase, string WorkspacePrefix, int Endpoints, int Count, double RatePerSecond, string? AcksFile, int Shard = 0, int Shards = 1)
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
        if (Shards > 1)
        {
            yield return "--shard";
            yield return string.Create(CultureInfo.InvariantCulture, $"{Shard}/{Shards}");
        }
    }

    public static ProducerArgs Parse(string[] args)
    {
        string Get(string name) => Find(args, name) ?? throw new ArgumentException($"produce: {name} is required");
        string[] shard = (Find(args, "--shard") ?? "0/1").Split('/');
        return new ProducerArgs(
            new Uri(Get("--grpc")),
            Get("--phase"),
            Get("--prefix"),
            int.Parse(Get("--endpoints"), CultureInfo.InvariantCulture),
            int.Parse(Get("--count"), CultureInfo.InvariantCulture),
            double.Parse(Find(args, "--rate") ?? "0", CultureInfo.InvariantCulture),
            Find(args, "--acks"),
            int.Parse(shard[0], CultureInfo.InvariantCulture),
            int.Parse(shard[1], CultureInfo.InvariantCulture));
    }

    private static string? Find(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
