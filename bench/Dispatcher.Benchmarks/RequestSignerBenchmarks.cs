using BenchmarkDotNet.Attributes;
using Dispatcher.Core.Profiles;

namespace Dispatcher.Benchmarks;

/// <summary>The signature headers of one delivery in each format's scheme, with one and two live secrets.</summary>
public class RequestSignerBenchmarks
{
    private byte[] _body = [];
    private WebhookProfile _profile = null!;
    private string[] _secrets = [];

    [Params("cd4cd", "awsys", "standard-webhooks")]
    public string Format { get; set; } = "";

    [Params(1, 2)]
    public int LiveSecrets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _profile = WebhookProfiles.Find(Format)!;
        _body = Payloads.LinkClicked(Payloads.SmallBytes);
        _secrets = [.. Enumerable.Repeat("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", LiveSecrets)];
    }

    [Benchmark]
    public int Sign() => RequestSigner.Sign(_profile, _secrets, "evt_18f3c_a91", Payloads.UnixSeconds, _body).Count;
}
