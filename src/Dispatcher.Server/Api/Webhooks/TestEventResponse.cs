namespace Dispatcher.Server.Api.Webhooks;

/// <summary>The answer to <c>POST /v1/webhooks/{id}/test</c>: the event that was queued.</summary>
public sealed record TestEventResponse(string Id, string Type);
