using System.Security.Cryptography;
using System.Text;
using Dispatcher.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Dispatcher.FunctionalTests.Seeds;

/// <summary>
/// During a rotation's overlap, formats whose header holds several signatures carry one per live
/// secret; single-signature formats switch at once; after the overlap only the new secret signs.
/// </summary>
[Collection(SurfaceCollection.Name)]
public sealed class RotationSigningTests(RedisServerFixture redis, ITestOutputHelper output)
{
    private const string OldSecret = "whsec_" + "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string NewSecret = "whsec_" + "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";

    [Fact]
    public async Task Deliveries_are_signed_with_every_live_secret_where_the_format_allows_it()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var receiver = await TestReceiver.StartAsync();
        await using var server = await DispatcherTestServer.StartAsync(redis, output, time: clock);
        var api = server.Api();
        var ids = new Dictionary<string, string>();
        foreach (var (format, events) in new[] { ("cd4cd", "link.clicked"), ("standard-webhooks", "link.clicked"), ("awsys", "link.click") })
        {
            var (_, created) = await api.SendJsonAsync(HttpMethod.Post, "/v1/webhooks",
                new { endpoint = receiver.Url("/" + format).ToString(), format, events = new[] { events }, secret = OldSecret });
            ids[format] = created.GetProperty("id").GetString()!;
            var (status, _) = await api.SendJsonAsync(HttpMethod.Post, $"/v1/webhooks/{ids[format]}/rotate-secret", new { secret = NewSecret });
            Assert.Equal(System.Net.HttpStatusCode.OK, status);
        }
        await using var publisher = server.Publisher();

        await publisher.PublishAsync(TestEvents.Create("evt_overlap"));
        var during = await NextPerPathAsync(receiver, 3);
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await publisher.PublishAsync(TestEvents.Create("evt_after"));
        var after = await NextPerPathAsync(receiver, 3);

        long t = long.Parse(during["/cd4cd"].Header("CD4CD-Signature")!.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"t={t},v1={Hex(NewSecret, $"{t}.{during["/cd4cd"].BodyText}")},v1={Hex(OldSecret, $"{t}.{during["/cd4cd"].BodyText}")}",
            during["/cd4cd"].Header("CD4CD-Signature"));
        Assert.Equal(2, during["/standard-webhooks"].Header("webhook-signature")!.Split(' ').Length);
        Assert.Equal(Hex(NewSecret, during["/awsys"].BodyText), during["/awsys"].Header("X-Awsys-Signature"));

        Assert.Equal(2, after["/cd4cd"].Header("CD4CD-Signature")!.Split(',').Length);
        Assert.Single(after["/standard-webhooks"].Header("webhook-signature")!.Split(' '));
        Assert.True(Dispatcher.Client.Signatures.WebhookSignature.Verify(NewSecret, after["/cd4cd"].Header("CD4CD-Signature"),
            after["/cd4cd"].Body, TimeSpan.FromDays(2), clock.GetUtcNow()));
        Assert.False(Dispatcher.Client.Signatures.WebhookSignature.Verify(OldSecret, after["/cd4cd"].Header("CD4CD-Signature"),
            after["/cd4cd"].Body, TimeSpan.FromDays(2), clock.GetUtcNow()));
    }

    private static async Task<Dictionary<string, ReceivedRequest>> NextPerPathAsync(TestReceiver receiver, int count)
    {
        var byPath = new Dictionary<string, ReceivedRequest>();
        while (byPath.Count < count)
        {
            var request = await receiver.NextAsync();
            byPath[request.Path] = request;
        }
        return byPath;
    }

    private static string Hex(string secret, string input) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(input)));
}
