using System.Security.Claims;
using System.Text.Encodings.Web;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Api.Admin;

/// <summary>
/// The operator API's authentication: <c>Authorization: Bearer &lt;operator key&gt;</c>, checked against
/// <c>Dispatcher:OperatorKeys</c> and nothing else (no API, producer or runtime key is ever an
/// operator). With none configured every operator call answers 401 and says how to turn it on.
/// </summary>
public sealed class OperatorKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<DispatcherOptions> dispatcherOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "OperatorKey";

    private readonly bool _configured = dispatcherOptions.Value.OperatorKeys.Count > 0;
    private readonly KeyRing<bool> _keys = new(dispatcherOptions.Value.OperatorKeys.Select(k => KeyValuePair.Create(k, true)));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = BearerToken.Parse(Request.Headers.Authorization);
        if (presented is null || !_configured)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!_keys.TryGet(presented, out _))
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid operator key"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Role, "operator")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var error = !_configured
            ? ApiError.Unauthenticated("the operator API is off: no operator keys are configured; set Dispatcher:OperatorKeys (e.g. Dispatcher__OperatorKeys__0=<a key of 16+ characters>) on every instance")
            : Request.Headers.ContainsKey("Authorization")
                ? ApiError.Unauthenticated("the operator key is not valid")
                : ApiError.Unauthenticated("missing operator key: send 'Authorization: Bearer <operator key>'");
        await error.ExecuteAsync(Context);
    }
}
