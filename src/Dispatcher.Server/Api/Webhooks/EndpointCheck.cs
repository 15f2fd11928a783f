namespace Dispatcher.Server.Api.Webhooks;

/// <summary>A registered endpoint URL, or why it was refused (the <c>INVALID_ENDPOINT</c> message).</summary>
public sealed record EndpointCheck(Uri? Uri, string Error);
