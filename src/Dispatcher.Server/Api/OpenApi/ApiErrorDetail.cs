namespace Dispatcher.Server.Api.OpenApi;

/// <summary>What went wrong: a stable code to branch on, a message for people, and for some codes the offending values.</summary>
/// <param name="Code">
/// Stable and upper case: <c>UNAUTHENTICATED</c>, <c>NOT_FOUND</c>, <c>EXPIRED</c>, <c>RATE_LIMITED</c>,
/// <c>WEBHOOK_LIMIT_REACHED</c>, <c>UNSUPPORTED_MEDIA_TYPE</c>, or one of the <c>INVALID_…</c> codes and
/// <c>UNKNOWN_FIELD</c> of a refused request.
/// </param>
/// <param name="Message">What to do about it, in English; may change between versions.</param>
/// <param name="Invalid">The refused values (e.g. event names for <c>INVALID_EVENTS</c>); absent for most codes.</param>
public sealed record ApiErrorDetail(string Code, string Message, IReadOnlyList<string>? Invalid = null);
