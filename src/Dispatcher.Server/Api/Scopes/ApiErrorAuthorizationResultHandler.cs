using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Dispatcher.Server.Api.Scopes;

/// <summary>
/// A 403 that says why, in the API's error shape: a refusal with a reason (<c>CODE: message</c>, see
/// <see cref="ScopeAuthorizationHandler"/>) is written as <see cref="ApiError"/>; everything else is
/// left to the default handler (401 challenges included).
/// </summary>
public sealed class ApiErrorAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault() is { } reason)
        {
            int colon = reason.Message.IndexOf(": ", StringComparison.Ordinal);
            await new ApiError(StatusCodes.Status403Forbidden, reason.Message[..colon], reason.Message[(colon + 2)..]).ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
