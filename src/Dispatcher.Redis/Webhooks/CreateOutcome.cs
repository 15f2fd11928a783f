namespace Dispatcher.Redis.Webhooks;

/// <summary>What <see cref="WebhookStore.CreateAsync(Dispatcher.Core.Webhooks.Webhook, int)"/> did.</summary>
public enum CreateOutcome
{
    /// <summary>Written, with its workspace's index.</summary>
    Created,
    /// <summary>The workspace already has its limit of webhooks; nothing was written.</summary>
    LimitReached,
}
