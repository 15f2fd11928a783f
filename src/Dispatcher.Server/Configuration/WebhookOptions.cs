namespace Dispatcher.Server.Configuration;

/// <summary>Webhook management behaviour (<c>Dispatcher:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>Send a <c>webhook.test</c> event to a webhook as soon as it is created. Default true.</summary>
    public bool TestEventOnCreate { get; set; } = true;
}
