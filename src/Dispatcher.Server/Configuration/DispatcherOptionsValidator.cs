using Dispatcher.Core.Events;
using Dispatcher.Engine.Configuration;
using Dispatcher.Engine.Rules;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Configuration;

/// <summary>Turns a bad setting into one clear line at start-up instead of a failure an hour later.</summary>
public sealed class DispatcherOptionsValidator : IValidateOptions<DispatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatcherOptions options)
    {
        var errors = new List<string>();
        OperabilityOptionsValidator.Validate(options, errors);
        if (options.ProducerKeys.Count == 0)
        {
            errors.Add("Dispatcher:ProducerKeys is empty: configure at least one producer key (e.g. Dispatcher__ProducerKeys__0=<key>)");
        }
        else if (options.ProducerKeys.Any(k => k.Key.Length < 8))
        {
            errors.Add("Dispatcher:ProducerKeys: every key needs at least 8 characters");
        }
        ProducerKeyRules.Validate(options.ProducerKeys, errors);
        OperatorKeyRules.Validate(options, errors);
        if (options.ApiKeys.Count == 0)
        {
            errors.Add("Dispatcher:ApiKeys is empty: configure at least one {Key, Workspace} (e.g. Dispatcher__ApiKeys__0__Key=<key>, Dispatcher__ApiKeys__0__Workspace=<id>)");
        }
        foreach (var (key, index) in options.ApiKeys.Select((k, i) => (k, i)))
        {
            if (key.Key.Length < 8)
            {
                errors.Add($"Dispatcher:ApiKeys:{index}:Key needs at least 8 characters");
            }
            if (!EventValidator.IsPrintableToken(key.Workspace))
            {
                errors.Add($"Dispatcher:ApiKeys:{index}:Workspace must be 1-{EventValidator.MaxIdLength} printable characters without spaces");
            }
        }
        if (options.Partitions.Count is < 1 or > 4096)
        {
            errors.Add($"Dispatcher:Partitions:Count is {options.Partitions.Count}; it must be between 1 and 4096");
        }
        if (options.Partitions.LeaseTtl < TimeSpan.FromSeconds(1))
        {
            errors.Add("Dispatcher:Partitions:LeaseTtl must be at least 1 second");
        }
        if (options.Partitions.TakeoverDelay is { } takeover && (takeover < TimeSpan.Zero || takeover > TimeSpan.FromMinutes(10)))
        {
            errors.Add("Dispatcher:Partitions:TakeoverDelay must be between 0 and 10 minutes");
        }
        if (options.Ingest.MaxEventBytes < 1)
        {
            errors.Add("Dispatcher:Ingest:MaxEventBytes must be positive");
        }
        if (options.Ingest.MaxEventsPerRequest < 1)
        {
            errors.Add("Dispatcher:Ingest:MaxEventsPerRequest must be positive");
        }
        if (options.Ingest.MaxEventBytes >= 1 && options.Ingest.MaxRequestBytes < IngestLimits.SmallestRequestBytes(options.Ingest))
        {
            errors.Add($"Dispatcher:Ingest:MaxRequestBytes must be at least MaxEventBytes + {IngestLimits.EventOverheadBytes} ({IngestLimits.SmallestRequestBytes(options.Ingest)}), so one event of the largest allowed data fits");
        }
        if (options.Ingest.DedupeWindow < TimeSpan.FromMinutes(1))
        {
            errors.Add("Dispatcher:Ingest:DedupeWindow must be at least 1 minute");
        }
        if (options.Ingest.WaitForReplicas is < 0 or > 16)
        {
            errors.Add($"Dispatcher:Ingest:WaitForReplicas is {options.Ingest.WaitForReplicas}; it must be between 0 (off) and 16");
        }
        if (options.Ingest.WaitForReplicasTimeout < TimeSpan.FromMilliseconds(10) || options.Ingest.WaitForReplicasTimeout > TimeSpan.FromSeconds(60))
        {
            errors.Add("Dispatcher:Ingest:WaitForReplicasTimeout must be between 10 ms and 60 s");
        }
        if (Dispatcher.Core.Profiles.WebhookProfiles.Find(options.DefaultFormat) is null)
        {
            errors.Add($"Dispatcher:DefaultFormat is '{options.DefaultFormat}'; it must be one of {Dispatcher.Core.Profiles.WebhookProfiles.Names}");
        }
        if (options.PublicUrl is { } publicUrl && (!publicUrl.IsAbsoluteUri || publicUrl.Scheme is not ("http" or "https")))
        {
            errors.Add("Dispatcher:PublicUrl must be an absolute http:// or https:// URL");
        }
        if (options.Dashboard.SessionLifetime < TimeSpan.FromMinutes(5) || options.Dashboard.SessionLifetime > TimeSpan.FromDays(30))
        {
            errors.Add("Dispatcher:Dashboard:SessionLifetime must be between 00:05:00 and 30.00:00:00");
        }
        if (options.Delivery.MaxSignedBodyBytes < 1024)
        {
            errors.Add("Dispatcher:Delivery:MaxSignedBodyBytes must be at least 1024");
        }
        if (options.Delivery.RequestTimeout <= TimeSpan.Zero)
        {
            errors.Add("Dispatcher:Delivery:RequestTimeout must be positive");
        }
        ValidateDeliveryLimits(options.Delivery, errors);
        EndpointPolicyValidator.Validate(options.Endpoints, errors);
        if (options.Delivery.RetrySchedule.Any(s => s <= 0))
        {
            errors.Add("Dispatcher:Delivery:RetrySchedule: every delay must be a positive number of seconds");
        }
        if (options.Delivery.IdlePoll <= TimeSpan.Zero)
        {
            errors.Add("Dispatcher:Delivery:IdlePoll must be positive");
        }
        if (string.IsNullOrWhiteSpace(options.Redis.KeyPrefix) || options.Redis.KeyPrefix.Contains('{'))
        {
            errors.Add("Dispatcher:Redis:KeyPrefix must be non-empty and contain no '{'");
        }
        if (options.Aggregation.CloseDelay < TimeSpan.Zero || options.Aggregation.CloseDelay > TimeSpan.FromSeconds(30))
        {
            errors.Add("Dispatcher:Aggregation:CloseDelay must be between 0 and 30 seconds");
        }
        SecretAndLimitRules.Validate(options, errors);
        RetentionRules.Validate(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateDeliveryLimits(DeliveryOptions delivery, List<string> errors)
    {
        Between(errors, "Dispatcher:Delivery:RatePerSecond", delivery.RatePerSecond, 1, 10_000);
        Between(errors, "Dispatcher:Delivery:Burst", delivery.Burst, 1, 10_000);
        Between(errors, "Dispatcher:Delivery:ConcurrencyPerEndpoint", delivery.ConcurrencyPerEndpoint, 1, 256);
        Between(errors, "Dispatcher:Delivery:EndpointQueueCapacity", delivery.EndpointQueueCapacity, 1, 4096);
        Between(errors, "Dispatcher:Delivery:RetryJitter", delivery.RetryJitter, 0, 1);
        Between(errors, "Dispatcher:Delivery:LogEntries", delivery.LogEntries, 1, 10_000);
        if (delivery.LogRetention < TimeSpan.FromMinutes(1))
        {
            errors.Add("Dispatcher:Delivery:LogRetention must be at least 1 minute");
        }
        if (delivery.DisableAfterFailures < 1)
        {
            errors.Add("Dispatcher:Delivery:DisableAfterFailures must be at least 1");
        }
        if (delivery.EndpointIdleTimeout < TimeSpan.FromSeconds(1))
        {
            errors.Add("Dispatcher:Delivery:EndpointIdleTimeout must be at least 1 second");
        }
        if (delivery.MaxRetryAfter < TimeSpan.Zero)
        {
            errors.Add("Dispatcher:Delivery:MaxRetryAfter must not be negative");
        }
        if (delivery.ConcurrencyPerEndpoint < 1 || delivery.RequestTimeout <= TimeSpan.Zero)
        {
            return;
        }
        // Everything in an endpoint's channel is claimed: even if every attempt runs to its timeout,
        // the last one must start before its claim expires, or it would be sent twice.
        var worstCase = WebhookRules.WorstCaseChannelTime(delivery, delivery.RequestTimeout);
        if (delivery.ClaimTimeout <= worstCase)
        {
            errors.Add($"Dispatcher:Delivery:ClaimTimeout must be longer than {worstCase.TotalSeconds:0.###} s (RequestTimeout × (EndpointQueueCapacity / ConcurrencyPerEndpoint + 1)), or a slow endpoint's deliveries would be sent twice");
        }
    }

    private static void Between(List<string> errors, string setting, double value, double min, double max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{setting} must be between {min} and {max}");
        }
    }
}
