using System.Security.Cryptography;
using System.Text;
using Dispatcher.Core.Profiles;

namespace Dispatcher.Core.Tests.Profiles;

public sealed class RequestSignerTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"evt_1","type":"link.clicked","data":{}}""");

    [Fact]
    public void Standard_webhooks_known_answer_vector()
    {
        // From the Standard Webhooks specification's reference test.
        var headers = RequestSigner.Sign(WebhookProfiles.StandardWebhooks, ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
            "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, Encoding.UTF8.GetBytes("""{"test": 2432232314}"""));

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Header(headers, "webhook-signature"));
        Assert.Equal("msg_p5jXN8AQM9LWM0D4loKWxJek", Header(headers, "webhook-id"));
        Assert.Equal("1614265330", Header(headers, "webhook-timestamp"));
    }

    [Fact]
    public void Timestamped_formats_sign_t_dot_body_with_every_live_secret()
    {
        var headers = RequestSigner.Sign(WebhookProfiles.Elido, ["secret_new_0123456789", "secret_old_0123456789"], "evt_1", 1715583720, Body);

        string expectedNew = Hex("secret_new_0123456789", "1715583720." + Encoding.UTF8.GetString(Body));
        string expectedOld = Hex("secret_old_0123456789", "1715583720." + Encoding.UTF8.GetString(Body));
        Assert.Equal($"t=1715583720,v1={expectedNew},v1={expectedOld}", Header(headers, "Elido-Signature"));
        Assert.Single(headers);
    }

    [Fact]
    public void Body_formats_sign_the_body_with_the_current_secret_only_and_carry_the_event_id()
    {
        var headers = RequestSigner.Sign(WebhookProfiles.Awsys, ["secret_new_0123456789", "secret_old_0123456789"], "evt_1", 1715583720, Body);

        Assert.Equal(Hex("secret_new_0123456789", Encoding.UTF8.GetString(Body)), Header(headers, "X-Awsys-Signature"));
        Assert.Equal("evt_1", Header(headers, "X-Awsys-Event-Id"));
    }

    [Theory]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true)]
    [InlineData("whsec_not base64!", false)]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", false)]
    [InlineData("whsec_AAAA", false)]
    public void Standard_secrets_must_be_whsec_base64(string secret, bool valid)
    {
        Assert.Equal(valid, RequestSigner.TryDecodeStandardSecret(secret, out _));
    }

    private static string Header(List<KeyValuePair<string, string>> headers, string name) =>
        Assert.Single(headers, h => h.Key == name).Value;

    private static string Hex(string secret, string input) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(input)));
}
