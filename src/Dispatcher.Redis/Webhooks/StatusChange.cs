using Dispatcher.Core.Webhooks;

namespace Dispatcher.Redis.Webhooks;

/// <summary>A webhook's status before and after an outcome was counted, and its failures in a row.</summary>
public sealed record StatusChange(int ConsecutiveFailures, WebhookStatus Before, WebhookStatus After)
{
    public bool Changed => Before != After;
}
