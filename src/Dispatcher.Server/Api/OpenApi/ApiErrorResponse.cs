namespace Dispatcher.Server.Api.OpenApi;

// Describes in the document the body ApiError writes (its own records are private to it); the
// contract tests check real error answers against this schema, so the two cannot drift apart unseen.

/// <summary>The body of every error answer: <c>{"error": {"code", "message", "invalid"?}}</c>.</summary>
public sealed record ApiErrorResponse(ApiErrorDetail Error);
