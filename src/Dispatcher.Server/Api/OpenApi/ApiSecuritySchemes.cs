using Dispatcher.Server.Api.Admin;
using Dispatcher.Server.Api.Scopes;
using Microsoft.OpenApi;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// The document's security schemes, and which of them each authorization policy accepts. A route
/// names a policy (<c>RequireAuthorization</c>); <see cref="SecurityRequirementTransformer"/> turns it
/// into the operation's <c>security</c> through <see cref="ByPolicy"/>.
/// </summary>
public static class ApiSecuritySchemes
{
    public const string Bearer = "Bearer";
    public const string ApiKeyHeader = "ApiKey";
    public const string OperatorKey = OperatorKeyAuthenticationHandler.SchemeName;

    /// <summary>Every scheme the document declares, by name.</summary>
    public static IReadOnlyDictionary<string, OpenApiSecurityScheme> All { get; } = new Dictionary<string, OpenApiSecurityScheme>
    {
        [Bearer] = new()
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A workspace API key: `Authorization: Bearer <api key>`. Each key belongs to one workspace.",
        },
        [ApiKeyHeader] = new()
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "The same workspace API key in `X-API-Key: <api key>` (the snip.sa shape).",
        },
        // Its own scheme, though it is a bearer token too: operator keys are not workspace keys, and
        // the document must not say that a workspace key opens /v1/admin (or an operator key the rest).
        [OperatorKey] = new()
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An operator key from `Dispatcher:OperatorKeys`, for the operator API under `/v1/admin` only: " +
                "`Authorization: Bearer <operator key>`. No workspace key is one, and it is no workspace key.",
        },
    };

    /// <summary>
    /// The schemes that satisfy each authorization policy; an operation whose policy is listed needs
    /// any one of them. A policy missing here fails the document tests, so a new one cannot go undocumented.
    /// The customer routes require two policies (the key, then its scope) that read the same key.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByPolicy { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [ApiKeyAuthenticationHandler.SchemeName] = [Bearer, ApiKeyHeader],
        [ScopeRequirement.PolicyName] = [Bearer, ApiKeyHeader],
        [AdminRegistration.PolicyName] = [OperatorKey],
    };
}
