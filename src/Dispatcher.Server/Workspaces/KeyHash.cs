using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Server.Workspaces;

/// <summary>
/// The SHA-256 of a runtime key, in lowercase hex: all Redis keeps of it. Keys are 256 random bits,
/// so a fast hash is enough (nothing to brute-force), and lookups by hash never compare secrets.
/// </summary>
public static class KeyHash
{
    public static string Of(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
