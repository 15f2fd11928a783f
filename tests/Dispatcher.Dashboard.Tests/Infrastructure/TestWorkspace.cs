namespace Dispatcher.Dashboard.Tests.Infrastructure;

/// <summary>
/// A workspace made for one test through the operator API, with a <c>write</c> and a <c>read</c> key,
/// and a REST client of it (<c>X-API-Key</c>) to compare the pages with.
/// </summary>
public sealed record TestWorkspace(string Id, string WriteKey, string ReadKey, HttpClient Api);
