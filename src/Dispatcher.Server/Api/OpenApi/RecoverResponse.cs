namespace Dispatcher.Server.Api.OpenApi;

/// <summary>The answer to a recover: how many failed deliveries were queued again, and how many could not be (their event is past retention).</summary>
public sealed record RecoverResponse(int Queued, int Expired);
