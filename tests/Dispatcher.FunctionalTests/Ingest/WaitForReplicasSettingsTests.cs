using System.Globalization;
using Dispatcher.Server.Configuration;

namespace Dispatcher.FunctionalTests.Ingest;

/// <summary>Dispatcher:Ingest:WaitForReplicas and its timeout are checked at start-up (no server needed).</summary>
public sealed class WaitForReplicasSettingsTests
{
    [Theory]
    [InlineData(-1, "00:00:01", "Dispatcher:Ingest:WaitForReplicas is -1; it must be between 0 (off) and 16")]
    [InlineData(17, "00:00:01", "Dispatcher:Ingest:WaitForReplicas is 17; it must be between 0 (off) and 16")]
    [InlineData(1, "00:00:00.009", "Dispatcher:Ingest:WaitForReplicasTimeout must be between 10 ms and 60 s")]
    [InlineData(1, "00:01:00.001", "Dispatcher:Ingest:WaitForReplicasTimeout must be between 10 ms and 60 s")]
    public void A_setting_out_of_range_names_itself(int replicas, string timeout, string error)
    {
        var result = new DispatcherOptionsValidator().Validate(null, Valid(replicas, TimeSpan.Parse(timeout, CultureInfo.InvariantCulture)));

        Assert.Equal([error], result.Failures);
    }

    [Theory]
    [InlineData(0, "00:00:01")]
    [InlineData(16, "00:00:00.010")]
    [InlineData(1, "00:01:00")]
    public void The_default_is_off_with_a_1_second_timeout_and_the_bounds_are_valid(int replicas, string timeout)
    {
        Assert.Equal(0, new IngestOptions().WaitForReplicas);
        Assert.Equal(TimeSpan.FromSeconds(1), new IngestOptions().WaitForReplicasTimeout);
        Assert.True(new DispatcherOptionsValidator().Validate(null, Valid(replicas, TimeSpan.Parse(timeout, CultureInfo.InvariantCulture))).Succeeded);
    }

    private static DispatcherOptions Valid(int replicas, TimeSpan timeout) => new()
    {
        ProducerKeys = ["producer_key_1"],
        ApiKeys = [new ApiKeyOptions { Key = "api_key_0001", Workspace = "ws_1" }],
        Ingest = new IngestOptions { WaitForReplicas = replicas, WaitForReplicasTimeout = timeout },
    };
}
