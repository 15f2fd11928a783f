using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Server.Auth;

/// <summary>
/// A stable, non-secret name for an API key: the first 16 bytes of its SHA-256, in hex. Every
/// instance derives the same one, so Redis can count per key without ever holding the key.
/// </summary>
public static class ApiKeyIdentity
{
    public static string Of(string apiKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)).AsSpan(0, 16));
}
