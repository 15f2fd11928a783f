using System.Security.Claims;
using System.Text.Encodings.Web;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Api;

/// <summary>
/// REST authentication: <c>Authorization: Bearer &lt;key&gt;</c> or <c>X-API-Key: &lt;key&gt;</c>
/// (the seeds use both). A key maps to exactly one workspace, carried as a claim.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DispatcherOptions> dispatcherOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string WorkspaceClaim = "workspace";

    /// <summary>The key's identity (<see cref="ApiKeyIdentity"/>), for per-key limits.</summary>
    public const string KeyIdClaim = "key_id";

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
        if (!_keys.TryGet(presented, out string workspace))
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid API key"));
        }
        var identity = new ClaimsIdentity([new Claim(WorkspaceClaim, workspace), new Claim(KeyIdClaim, ApiKeyIdentity.Of(presented))], SchemeName);
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
