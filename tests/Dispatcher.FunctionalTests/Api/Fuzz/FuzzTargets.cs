namespace Dispatcher.FunctionalTests.Api.Fuzz;

/// <summary>
/// Real ids the fuzzer aims at: the caller's webhook (bodies and queries are malformed) and another
/// workspace's webhook (it must stay invisible and untouched).
/// </summary>
public sealed record FuzzTargets(string WebhookId, string ForeignWebhookId);
