namespace Dispatcher.Server.Api.OpenApi;

/// <summary>What went wrong: a stable code to branch on, a message for people, and for some codes the offending values.</summary>
/// <param name="Code">
/// Stable and upper case: <c>UNAUTHENTICATED</c>, <c>INSUFFICIENT_SCOPE</c>, <c>WORKSPACE_SUSPENDED</c>, <c>NOT_FOUND</c>,
/// <c>EXPIRED</c>, <c>RATE_LIMITED</c>, <c>WEBHOOK_LIMIT_REACHED</c>, <c>UNSUPPORTED_MEDIA_TYPE</c>, one of the
/// <c>INVALID_…</c> codes, <c>UNKNOWN_FIELD</c>, <c>RESERVED_HEADER</c> of a refused request, or the operator API's
/// <c>WORKSPACE_EXISTS</c>, <c>CONFIGURED_WORKSPACE</c>, <c>KEY_ALREADY_ROTATED</c> and <c>CONFLICT</c>.
/// </param>
/// <param name="Message">What to do about it, in English; may change between versions.</param>
/// <param name="Invalid">The refused values (e.g. event names for <c>INVALID_EVENTS</c>); absent for most codes.</param>
public sealed record ApiErrorDetail(string Code, string Message, IReadOnlyList<string>? Invalid = null);
