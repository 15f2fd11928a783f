using System.Text.Json;
using Dispatcher.Core.Deliveries;

namespace Dispatcher.Core.Tests.Deliveries;

/// <summary>
/// The outcome's wire names are a public contract (API, the delivery log already in Redis, metric
/// tags): the enum may change shape, these names may not.
/// </summary>
public sealed class DeliveryOutcomeTests
{
    public static TheoryData<DeliveryOutcome, string> WireNames => new()
    {
        { DeliveryOutcome.Succeeded, "succeeded" },
        { DeliveryOutcome.Retrying, "retrying" },
        { DeliveryOutcome.Failed, "failed" },
        { DeliveryOutcome.Paused, "paused" },
        { DeliveryOutcome.Disabled, "disabled" },
        { DeliveryOutcome.Expired, "expired" },
    };

    [Theory]
    [MemberData(nameof(WireNames))]
    public void Every_outcome_round_trips_through_its_wire_name(DeliveryOutcome outcome, string name)
    {
        Assert.Equal(name, outcome.ToWireName());
        Assert.True(DeliveryOutcomes.TryParse(name, out var parsed));
        Assert.Equal(outcome, parsed);
    }

    [Fact]
    public void Every_enum_value_has_a_wire_name_and_All_lists_them_in_order()
    {
        Assert.Equal(WireNames.Select(row => (string)row[1]), DeliveryOutcomes.All);
        Assert.Equal(Enum.GetValues<DeliveryOutcome>(), WireNames.Select(row => (DeliveryOutcome)row[0]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Succeeded")]
    [InlineData("SUCCEEDED")]
    [InlineData(" succeeded")]
    [InlineData("0")]
    [InlineData("done")]
    public void Unknown_names_are_refused(string? name) =>
        Assert.False(DeliveryOutcomes.TryParse(name, out _));

    [Fact]
    public void An_undefined_value_has_no_wire_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DeliveryOutcome)42).ToWireName());

    [Theory]
    [MemberData(nameof(WireNames))]
    public void Json_carries_the_wire_name(DeliveryOutcome outcome, string name)
    {
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(outcome, web));
        Assert.Equal(outcome, JsonSerializer.Deserialize<DeliveryOutcome>($"\"{name}\"", web));
    }

    [Theory]
    [InlineData("\"Succeeded\"")]
    [InlineData("\"unknown\"")]
    [InlineData("0")]
    public void Json_refuses_anything_but_a_wire_name(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DeliveryOutcome>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
}
