using BenchmarkDotNet.Attributes;
using Dispatcher.Core.Signing;

namespace Dispatcher.Benchmarks;

/// <summary>HMAC-SHA256 of <c>t.body</c>: into a caller's span (no allocation) and as the header string.</summary>
public class SigningBenchmarks
{
    private readonly char[] _hex = new char[64];
    private byte[] _body = [];

    [Params(Payloads.SmallBytes, Payloads.LargeBytes)]
    public int BodyBytes { get; set; }

    [GlobalSetup]
    public void Setup() => _body = Payloads.LinkClicked(BodyBytes);

    [Benchmark(Baseline = true)]
    public char ComputeHex()
    {
        TimestampedSignature.ComputeHex(Payloads.SigningKey, Payloads.UnixSeconds, _body, _hex);
        return _hex[0];
    }

    [Benchmark]
    public string Create() => TimestampedSignature.Create(Payloads.SigningKey, Payloads.UnixSeconds, _body);
}
