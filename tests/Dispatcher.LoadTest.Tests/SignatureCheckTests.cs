using System.Security.Cryptography;
using System.Text;
using Dispatcher.LoadTest.Receiving;

namespace Dispatcher.LoadTest.Tests;

/// <summary>The receiver's own signature check must accept a correct CD4CD signature and nothing else, or "0 bad" means nothing.</summary>
public class SignatureCheckTests
{
    private const string Secret = "whsec_k3Jq9vT2mX7pL4sW8nB5cR1dF6gH0yZa";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"id\":\"evt_1\",\"type\":\"link.clicked\",\"createdAt\":\"2026-11-25T02:00:00.000Z\",\"data\":{\"seq\":1}}");

    [Fact]
    public void A_correct_signature_passes()
    {
        long now = Clock.NowMicros();

        Assert.True(SignatureCheck.IsValid(Secret, Header(Secret, Body, now / 1_000_000), Body, now));
    }

    [Fact]
    public void A_changed_body_a_wrong_secret_an_old_timestamp_or_no_header_fails()
    {
        long now = Clock.NowMicros();
        long t = now / 1_000_000;
        byte[] changed = [.. Body];
        changed[^3] ^= 1;

        Assert.False(SignatureCheck.IsValid(Secret, Header(Secret, Body, t), changed, now));
        Assert.False(SignatureCheck.IsValid(Secret, Header("whsec_another_secret_entirely", Body, t), Body, now));
        Assert.False(SignatureCheck.IsValid(Secret, Header(Secret, Body, t - 600), Body, now));
        Assert.False(SignatureCheck.IsValid(Secret, null, Body, now));
        Assert.False(SignatureCheck.IsValid(Secret, "t=abc,v1=00", Body, now));
    }

    private static string Header(string secret, byte[] body, long t) =>
        $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes($"{t}."), .. body]))}";
}
