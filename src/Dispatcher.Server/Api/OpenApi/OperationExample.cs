namespace Dispatcher.Server.Api.OpenApi;

/// <summary>An operation's example request body (null: none) and example answers by status code.</summary>
public sealed record OperationExample(object? Request, IReadOnlyDictionary<int, object> Responses);
