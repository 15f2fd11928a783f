using System.Security.Cryptography;
using System.Text;
using Dispatcher.Client.Signatures;

namespace Dispatcher.Client.Tests.Signatures;

/// <summary>The receiver-side check, against headers computed independently here.</summary>
public sealed class WebhookSignatureTests
{
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Body = """{"id":"evt_1","type":"link.clicked","data":{"note":"مرحبا 🚀"}}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_778_650_920);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_header_signed_with_the_secret_verifies_for_bytes_and_for_the_string_body()
    {
        string header = Header(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.True(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes(Body), Tolerance, Now));
        Assert.True(WebhookSignature.Verify(Secret, header.Replace(",", ", "), Encoding.UTF8.GetBytes(Body), Tolerance, Now));
    }

    [Theory]
    [InlineData("whsec_another_secret_entirely", Body)]
    [InlineData(Secret, Body + " ")]
    public void Another_secret_or_a_changed_body_fails(string secret, string body)
    {
        string header = Header(Secret, Now.ToUnixTimeSeconds(), Body);

        Assert.False(WebhookSignature.Verify(secret, header, Encoding.UTF8.GetBytes(body), Tolerance, Now));
    }

    [Theory]
    [InlineData(-301, false)]
    [InlineData(-299, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public void The_timestamp_must_be_within_the_tolerance_either_way(int offsetSeconds, bool valid)
    {
        long t = Now.ToUnixTimeSeconds() + offsetSeconds;

        Assert.Equal(valid, WebhookSignature.Verify(Secret, Header(Secret, t, Body), Encoding.UTF8.GetBytes(Body), Tolerance, Now));
    }

    [Fact]
    public void During_a_rotation_any_one_matching_v1_is_enough_and_the_order_of_parts_does_not_matter()
    {
        long t = Now.ToUnixTimeSeconds();
        string good = Header(Secret, t, Body)["t=".Length..].Split(',')[1];
        string old = Header("whsec_the_previous_secret_value", t, Body).Split(',')[1];

        Assert.True(WebhookSignature.Verify(Secret, $"t={t},{old},{good}", Encoding.UTF8.GetBytes(Body), Tolerance, Now));
        Assert.True(WebhookSignature.Verify(Secret, $"{good},t={t}", Encoding.UTF8.GetBytes(Body), Tolerance, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("t=1778650920")]
    [InlineData("v1=00")]
    [InlineData("t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1778650920,v1=zz00000000000000000000000000000000000000000000000000000000000000")]
    public void Malformed_headers_fail_without_throwing(string? header)
    {
        Assert.False(WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes(Body), Tolerance, Now));
    }

    private static string Header(string secret, long t, string body) =>
        $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")))}";
}
