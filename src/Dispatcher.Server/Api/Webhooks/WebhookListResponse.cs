namespace Dispatcher.Server.Api.Webhooks;

/// <summary><c>GET /v1/webhooks</c>.</summary>
public sealed record WebhookListResponse(IReadOnlyList<WebhookResponse> Data);
