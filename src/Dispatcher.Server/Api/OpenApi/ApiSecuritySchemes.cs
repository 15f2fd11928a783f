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
        // The operator API's key gets its own scheme here (e.g. ["OperatorKey"]), and its policy an
        // entry in ByPolicy below: operator keys are not workspace keys, and the document must not say they are.
    };

    /// <summary>
    /// The schemes that satisfy each authorization policy; an operation whose policy is listed needs
    /// any one of them. A policy missing here fails the document tests, so a new one cannot go undocumented.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByPolicy { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [ApiKeyAuthenticationHandler.SchemeName] = [Bearer, ApiKeyHeader],
    };
}
