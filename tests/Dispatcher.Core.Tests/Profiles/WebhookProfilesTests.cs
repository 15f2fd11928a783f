using System.Text;
using Dispatcher.Core.Events;
using Dispatcher.Core.Profiles;

namespace Dispatcher.Core.Tests.Profiles;

public sealed class WebhookProfilesTests
{
    private static readonly StoredEvent Click = new("evt_1", "4123", "link.clicked",
        new DateTimeOffset(2026, 5, 13, 5, 42, 0, 123, TimeSpan.Zero), Encoding.UTF8.GetBytes("""{"linkId":"lnk_1"}"""));

    [Theory]
    [InlineData("cd4cd", """{"id":"evt_1","type":"link.clicked","createdAt":"2026-05-13T05:42:00.123Z","data":{"linkId":"lnk_1"}}""")]
    [InlineData("snip", """{"event":"url.clicked","timestamp":"2026-05-13T05:42:00.123Z","data":{"linkId":"lnk_1"}}""")]
    [InlineData("georedir", """{"event":"click","timestamp":"2026-05-13T05:42:00Z","data":{"linkId":"lnk_1"}}""")]
    [InlineData("awsys", """{"event":"link.click","timestamp":"2026-05-13T05:42:00Z","data":{"linkId":"lnk_1"}}""")]
    [InlineData("elido", """{"id":"evt_1","type":"link.clicked","created_at":"2026-05-13T05:42:00.123Z","workspace_id":4123,"data":{"linkId":"lnk_1"}}""")]
    [InlineData("standard-webhooks", """{"type":"link.clicked","timestamp":"2026-05-13T05:42:00.123Z","data":{"linkId":"lnk_1"}}""")]
    public void Each_format_writes_its_seeds_envelope(string format, string expected)
    {
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        EnvelopeWriter.Write(body, WebhookProfiles.Find(format)!, Click, Click.Data.Span);
        Assert.Equal(expected, Encoding.UTF8.GetString(body.WrittenSpan));
    }

    [Fact]
    public void A_workspace_id_that_is_not_a_safe_integer_stays_a_string()
    {
        var body = new System.Buffers.ArrayBufferWriter<byte>();
        EnvelopeWriter.Write(body, WebhookProfiles.Elido, Click with { WorkspaceId = "ws_<a>" }, Click.Data.Span);
        Assert.Contains("\"workspace_id\":\"ws_<a>\"", Encoding.UTF8.GetString(body.WrittenSpan));
    }

    [Theory]
    [InlineData("awsys", "link.click", "link.clicked")]
    [InlineData("georedir", "click", "link.clicked")]
    [InlineData("georedir", "conversion", "conversion.recorded")]
    [InlineData("snip", "url.created", "link.created")]
    [InlineData("snip", "qr.scanned", "qr.scanned")]
    public void Format_names_read_back_into_the_catalogue(string format, string name, string catalogue)
    {
        Assert.True(WebhookProfiles.Find(format)!.TryGetCatalogueName(name, out string found));
        Assert.Equal(catalogue, found);
    }

    [Theory]
    [InlineData("awsys", "click")]
    [InlineData("awsys", "link.clicked")]
    [InlineData("georedir", "link.clicked")]
    [InlineData("snip", "link.created")]
    [InlineData("cd4cd", "url.clicked")]
    [InlineData("cd4cd", "webhook.test")]
    public void Short_foreign_or_unknown_names_are_not_the_formats(string format, string name)
    {
        Assert.False(WebhookProfiles.Find(format)!.TryGetCatalogueName(name, out _));
    }
}
