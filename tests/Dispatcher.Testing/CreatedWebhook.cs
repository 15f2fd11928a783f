namespace Dispatcher.Testing;

/// <summary>What POST /v1/webhooks answered: the id and the once-shown secret.</summary>
public sealed record CreatedWebhook(string Id, string Secret);
