using Dispatcher.Core.Profiles;

namespace Dispatcher.Benchmarks.Tests.Allocations;

public class RequestSignerAllocationTests
{
    /// <summary>
    /// Measured on .NET 10 (Release), one live secret, independent of the body size: the header list
    /// and strings, and the key bytes — 424 bytes for a body HMAC, 760 for <c>t=…,v1=…</c>, 816 for
    /// Standard Webhooks (three headers). Budget: measured + 10%.
    /// </summary>
    [Theory]
    [InlineData("cd4cd", 836)]
    [InlineData("snip", 467)]
    [InlineData("georedir", 467)]
    [InlineData("awsys", 467)]
    [InlineData("elido", 836)]
    [InlineData("standard-webhooks", 898)]
    public void Signing_a_delivery_stays_within_budget(string format, int budgetBytesPerCall)
    {
        var profile = WebhookProfiles.Find(format)!;
        string[] secrets = ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"];
        foreach (int size in new[] { SampleEvents.SmallBytes, SampleEvents.LargeBytes })
        {
            var body = SampleEvents.Body(size);
            AllocationMeter.AssertWithinBudget(
                () => RequestSigner.Sign(profile, secrets, "evt_18f3c_a91", 1_778_650_920, body),
                budgetBytesPerCall);
        }
    }
}
