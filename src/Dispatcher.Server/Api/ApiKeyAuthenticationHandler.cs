using System.Security.Claims;
using System.Text.Encodings.Web;
using Dispatcher.Server.Auth;
using Dispatcher.Redis.Directory;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Workspaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Api;

/// <summary>
/// REST authentication: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>
/// (the seeds use both). A key maps to exactly one workspace, carried as a claim with its scope: a
/// configured key is <c>write</c>; a runtime key (<see cref="WorkspaceDirectory"/>) has the scope it
/// was issued with (<c>publish</c> keys are for gRPC only, and are refused here).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DispatcherOptions> dispatcherOptions,
    WorkspaceDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string WorkspaceClaim = "workspace";

    /// <summary>The key's identity (<see cref="ApiKeyIdentity"/>), for per-key limits.</summary>
    public const string KeyIdClaim = "key_id";

    /// <summary><c>read</c> or <c>write</c> (<see cref="KeyScopes"/>), enforced by <see cref="Scopes.ScopeRequirement"/>.</summary>
    public const string ScopeClaim = "scope";

    private readonly KeyRing<string> _keys = new(dispatcherOptions.Value.ApiKeys.Select(k => KeyValuePair.Create(k.Key, k.Workspace)));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers.TryGetValue("X-API-Key", out var apiKey)
            ? apiKey.ToString()
            : BearerToken.Parse(Request.Headers.Authorization);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        string scope = KeyScopes.Write;
        if (!_keys.TryGet(presented, out string workspace))
        {
            if (directory.FindKey(presented) is not { Scope: not KeyScope.Publish } runtime)
            {
                return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
            }
            (workspace, scope) = (runtime.Workspace, KeyScopes.Name(runtime.Scope));
        }
        var identity = new ClaimsIdentity(
            [new Claim(WorkspaceClaim, workspace), new Claim(KeyIdClaim, ApiKeyIdentity.Of(presented)), new Claim(ScopeClaim, scope)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        bool presented = Request.Headers.ContainsKey("X-API-Key") || Request.Headers.ContainsKey("Authorization");
        var error = presented
            ? ApiError.Unauthenticated("the API key is not valid")
            : ApiError.Unauthenticated("missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
        await error.ExecuteAsync(Context);
    }
}
