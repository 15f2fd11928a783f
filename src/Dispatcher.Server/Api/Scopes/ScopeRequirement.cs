using Microsoft.AspNetCore.Authorization;

namespace Dispatcher.Server.Api.Scopes;

/// <summary>
/// The customer API's scope rule (policy <see cref="PolicyName"/>): a GET needs <c>read</c>, anything
/// else <c>write</c>; a suspended workspace's keys are read-only.
/// </summary>
public sealed class ScopeRequirement : IAuthorizationRequirement
{
    public const string PolicyName = "ApiScope";
}
