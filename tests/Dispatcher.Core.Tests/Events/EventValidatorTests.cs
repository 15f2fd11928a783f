using System.Text;
using Dispatcher.Core.Events;

namespace Dispatcher.Core.Tests.Events;

public sealed class EventValidatorTests
{
    private const int Limit = 1024;

    [Theory]
    [InlineData("", "ws", "link.clicked", "{}", RejectionKind.MissingId)]
    [InlineData("evt 1", "ws", "link.clicked", "{}", RejectionKind.InvalidId)]
    [InlineData("evt_é", "ws", "link.clicked", "{}", RejectionKind.InvalidId)]
    [InlineData("evt_1", "", "link.clicked", "{}", RejectionKind.MissingWorkspace)]
    [InlineData("evt_1", "ws\t1", "link.clicked", "{}", RejectionKind.InvalidWorkspace)]
    [InlineData("evt_1", "ws", "click", "{}", RejectionKind.UnknownEventType)]
    [InlineData("evt_1", "ws", "link.clicked", "[1]", RejectionKind.InvalidData)]
    [InlineData("evt_1", "ws", "link.clicked", "\"text\"", RejectionKind.InvalidData)]
    [InlineData("evt_1", "ws", "link.clicked", "{} {}", RejectionKind.InvalidData)]
    [InlineData("evt_1", "ws", "link.clicked", "{\"a\":1} x", RejectionKind.InvalidData)]
    [InlineData("evt_1", "ws", "link.clicked", "{\"a\":", RejectionKind.InvalidData)]
    public void Each_bad_field_gets_its_own_rejection(string id, string workspace, string type, string data, RejectionKind expected)
    {
        var rejection = EventValidator.Validate(id, workspace, type, Encoding.UTF8.GetBytes(data), Limit);

        Assert.Equal(expected, rejection?.Kind);
        Assert.False(string.IsNullOrWhiteSpace(rejection!.Message));
    }

    [Theory]
    [InlineData("webhook.failing")]
    [InlineData("webhook.disabled")]
    [InlineData("webhook.enabled")]
    [InlineData("webhook.recovered")]
    public void Owner_notification_types_are_in_the_catalogue_but_producers_may_not_publish_them(string type)
    {
        var rejection = EventValidator.Validate("evt_1", "ws", type, "{}"u8, Limit);

        Assert.True(EventCatalogue.Contains(type));
        Assert.False(EventCatalogue.IsPublishable(type));
        Assert.Equal(RejectionKind.UnknownEventType, rejection?.Kind);
        Assert.Contains("sent by Dispatcher itself", rejection!.Message);
    }

    [Fact]
    public void An_id_longer_than_128_characters_is_invalid()
    {
        Assert.Equal(RejectionKind.InvalidId, EventValidator.Validate(new string('a', 129), "ws", "link.clicked", "{}"u8, Limit)?.Kind);
        Assert.Null(EventValidator.Validate(new string('a', 128), "ws", "link.clicked", "{}"u8, Limit));
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_and_oversized_data_are_rejected()
    {
        byte[] invalid = [.. "{\"a\":\""u8, 0xFF, .. "\"}"u8];
        byte[] big = Encoding.UTF8.GetBytes("{\"pad\":\"" + new string('x', Limit) + "\"}");

        Assert.Equal(RejectionKind.InvalidData, EventValidator.Validate("evt_1", "ws", "link.clicked", invalid, Limit)?.Kind);
        Assert.Equal(RejectionKind.PayloadTooLarge, EventValidator.Validate("evt_1", "ws", "link.clicked", big, Limit)?.Kind);
    }

    [Fact]
    public void A_valid_event_passes()
    {
        Assert.Null(EventValidator.Validate("evt_18f3c_a91", "ws_demo", "link.clicked", """{"linkId":"lnk_1","n":[1,2.5e3],"t":"مرحبا 🚀"}"""u8, Limit));
    }
}
