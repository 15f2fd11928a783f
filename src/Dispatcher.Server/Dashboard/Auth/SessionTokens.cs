using System.Security.Cryptography;
using Dispatcher.Server.Workspaces;

namespace Dispatcher.Server.Dashboard.Auth;

/// <summary>
/// Bearer tokens of the dashboard (session cookies, portal links, per-session CSRF tokens): 256 random
/// bits, URL-safe. Redis keeps only their SHA-256 (<see cref="KeyHash"/>), like API keys.
/// </summary>
public static class SessionTokens
{
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => KeyHash.Of(token);

    /// <summary>Constant-time, so a guess learns nothing from how long the comparison took.</summary>
    public static bool Same(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(presented), System.Text.Encoding.UTF8.GetBytes(expected));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
