using Dispatcher.Server.Configuration;

namespace Dispatcher.FunctionalTests.Aggregation;

/// <summary>Dispatcher:Aggregation:CloseDelay is checked at start-up (no server needed).</summary>
public sealed class AggregationSettingsTests
{
    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("00:00:31")]
    public void A_close_delay_outside_0_to_30_seconds_names_the_setting(string value)
    {
        var result = new DispatcherOptionsValidator().Validate(null, Valid(TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.True(result.Failed);
        Assert.Equal(["Dispatcher:Aggregation:CloseDelay must be between 0 and 30 seconds"], result.Failures);
    }

    [Fact]
    public void The_default_close_delay_is_2_seconds_and_valid()
    {
        var options = Valid(new AggregationOptions().CloseDelay);

        Assert.Equal(TimeSpan.FromSeconds(2), options.Aggregation.CloseDelay);
        Assert.True(new DispatcherOptionsValidator().Validate(null, options).Succeeded);
    }

    private static DispatcherOptions Valid(TimeSpan closeDelay) => new()
    {
        ProducerKeys = ["producer_key_1"],
        ApiKeys = [new ApiKeyOptions { Key = "api_key_0001", Workspace = "ws_1" }],
        Aggregation = new AggregationOptions { CloseDelay = closeDelay },
    };
}
