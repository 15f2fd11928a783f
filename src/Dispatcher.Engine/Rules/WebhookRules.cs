using Dispatcher.Core.Profiles;
using Dispatcher.Core.Retries;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Configuration;
using Microsoft.Extensions.Options;

namespace Dispatcher.Engine.Rules;

/// <summary>
/// A webhook's delivery rules by precedence: its own setting, else its format's (as that seed's
/// doc states it), else the deployment's.
/// </summary>
public sealed class WebhookRules(IOptions<DeliveryOptions> options)
{
    private readonly DeliveryOptions _delivery = options.Value;
    private readonly RetrySchedule _deploymentRetries = options.Value.RetrySchedule.Count > 0
        ? RetrySchedule.FromSeconds([.. options.Value.RetrySchedule])
        : RetrySchedule.Default;

    /// <summary>Webhooks stored before formats existed were all sent as CD4CD.</summary>
    public static WebhookProfile ProfileOf(Webhook webhook) => WebhookProfiles.Find(webhook.Format) ?? WebhookProfiles.Cd4cd;

    public RetrySchedule RetriesOf(Webhook webhook) =>
        (webhook.RetrySchedule ?? ProfileOf(webhook).RetrySchedule) is { } seconds ? RetrySchedule.FromSeconds([.. seconds]) : _deploymentRetries;

    public int DisableAfterFailuresOf(Webhook webhook) => ProfileOf(webhook).DisableAfterFailures ?? _delivery.DisableAfterFailures;

    public TimeSpan RequestTimeoutOf(Webhook webhook) => ProfileOf(webhook).RequestTimeout ?? _delivery.RequestTimeout;

    /// <summary>
    /// How long a claim on this webhook's deliveries must last: even if every attempt in its channel
    /// runs to its timeout, the last must start before the claim expires, or it would be sent twice.
    /// </summary>
    public TimeSpan ClaimTimeoutOf(Webhook webhook) => ClaimTimeoutFor(RequestTimeoutOf(webhook));

    /// <summary>
    /// The claim for a webhook not read yet, which takes one round of sends (ConcurrencyPerEndpoint
    /// deliveries into an empty channel): they start at once, after at most a few waits for rate
    /// tokens, so the slowest format's timeout and a margin cover it.
    /// </summary>
    public TimeSpan FirstClaimTimeout
    {
        get
        {
            var slowest = WebhookProfiles.All.Select(p => p.RequestTimeout ?? _delivery.RequestTimeout).Append(_delivery.RequestTimeout).Max();
            var needed = slowest + FirstRoundMargin;
            return needed > _delivery.ClaimTimeout ? needed : _delivery.ClaimTimeout;
        }
    }

    /// <summary>The longest claim any webhook gets: a delivery claimed earlier has been handled, or its claim has expired.</summary>
    public TimeSpan LongestClaimTimeout
    {
        get
        {
            var slowest = WebhookProfiles.All.Select(p => p.RequestTimeout ?? _delivery.RequestTimeout).Append(_delivery.RequestTimeout).Max();
            var longest = ClaimTimeoutFor(slowest);
            return longest > FirstClaimTimeout ? longest : FirstClaimTimeout;
        }
    }

    /// <summary>Room for a first round's waits for rate tokens (a bucket of 1 at 1/s delays the fourth send 3 s).</summary>
    private static readonly TimeSpan FirstRoundMargin = TimeSpan.FromSeconds(10);

    private TimeSpan ClaimTimeoutFor(TimeSpan requestTimeout)
    {
        var needed = WorstCaseChannelTime(_delivery, requestTimeout) + TimeSpan.FromSeconds(1);
        return needed > _delivery.ClaimTimeout ? needed : _delivery.ClaimTimeout;
    }

    /// <summary>
    /// How long a full channel of attempts takes when every one runs to <paramref name="requestTimeout"/>:
    /// everything in an endpoint's channel is claimed, so the last one must start before its claim
    /// expires, or it would be sent twice. The one formula behind every claim and the validator's floor.
    /// </summary>
    public static TimeSpan WorstCaseChannelTime(DeliveryOptions delivery, TimeSpan requestTimeout)
    {
        int rounds = (delivery.EndpointQueueCapacity + delivery.ConcurrencyPerEndpoint - 1) / delivery.ConcurrencyPerEndpoint;
        return requestTimeout * (rounds + 1);
    }
}
