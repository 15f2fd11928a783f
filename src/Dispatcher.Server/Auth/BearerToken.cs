namespace Dispatcher.Server.Auth;

/// <summary>Reads the token out of an <c>Authorization: Bearer &lt;token&gt;</c> value.</summary>
public static class BearerToken
{
    public static string? Parse(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        string token = authorization[Scheme.Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
