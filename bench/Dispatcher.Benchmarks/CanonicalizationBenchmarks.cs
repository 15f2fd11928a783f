using BenchmarkDotNet.Attributes;
using Dispatcher.Core.Json;

namespace Dispatcher.Benchmarks;

/// <summary>Bringing an event's data into JSON.stringify(JSON.parse(data)) form, once per event at ingest.</summary>
public class CanonicalizationBenchmarks
{
    private byte[] _data = [];

    [Params(Payloads.SmallBytes, Payloads.LargeBytes)]
    public int BodyBytes { get; set; }

    [GlobalSetup]
    public void Setup() => _data = Payloads.LinkClicked(BodyBytes);

    [Benchmark]
    public int Canonicalize() => JsonCanonicalizer.Canonicalize(_data).Length;
}
