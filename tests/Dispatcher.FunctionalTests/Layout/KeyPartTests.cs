using Dispatcher.Redis;

namespace Dispatcher.FunctionalTests.Layout;

/// <summary>The escaping of ids in key names: plain ids keep their names, the rest lose every separator and brace.</summary>
public sealed class KeyPartTests
{
    [Theory]
    [InlineData("ws_a", "ws_a")]
    [InlineData("evt-1.2/3", "evt-1.2/3")]
    [InlineData("acme:eu", "acme%3Aeu")]
    [InlineData("{x}", "%7Bx%7D")]
    [InlineData("100%", "100%25")]
    [InlineData("%3A", "%253A")]
    public void Encodes_only_the_separator_the_braces_and_the_escape_character(string id, string expected) =>
        Assert.Equal(expected, KeyPart.Encode(id));

    [Fact]
    public void Ids_that_would_meet_once_joined_stay_apart()
    {
        // As in a key: the escaped workspace, then the event id as it is (nothing follows it).
        string Joined(string workspace, string evt) => KeyPart.Encode(workspace) + ":" + evt;

        Assert.NotEqual(Joined("acme", "eu:1"), Joined("acme:eu", "1"));
        Assert.NotEqual(Joined("a%3Ab", "c"), Joined("a:b", "c"));
    }
}
