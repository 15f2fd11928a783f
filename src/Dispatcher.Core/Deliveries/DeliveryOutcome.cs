using System.Text.Json.Serialization;

namespace Dispatcher.Core.Deliveries;

/// <summary>
/// What one entry of the delivery log says happened. Typed inside the service; its wire name (see
/// <see cref="DeliveryOutcomes"/>) is what JSON, Redis, metrics and logs carry.
/// </summary>
[JsonConverter(typeof(DeliveryOutcomeJsonConverter))]
public enum DeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Succeeded,
    /// <summary>Failed; another attempt is scheduled.</summary>
    Retrying,
    /// <summary>Failed, out of attempts (or a test event that failed).</summary>
    Failed,
    /// <summary>429/503 with Retry-After: the endpoint is paused until then.</summary>
    Paused,
    /// <summary>410 Gone: the webhook is disabled.</summary>
    Disabled,
    /// <summary>Not an attempt: the delivery was dropped because its event outlived its retention.</summary>
    Expired,
}
