namespace Dispatcher.Core.Webhooks;

/// <summary>Whether a webhook is being delivered to.</summary>
public enum WebhookStatus
{
    /// <summary>Delivering; the last delivery (if any) succeeded.</summary>
    Enabled,
    /// <summary>Delivering, but its last deliveries failed their whole schedule.</summary>
    Failing,
    /// <summary>Not delivering (410 Gone, too many failures, or the API); events keep queuing.</summary>
    Disabled,
}
