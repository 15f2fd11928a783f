using System.Security.Cryptography;

namespace Dispatcher.Server.Auth;

/// <summary>New runtime keys and their public ids.</summary>
public static class RuntimeKeyMaterial
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The secret a caller presents: <c>dsk_</c> and 256 random bits (base64url), shown once.</summary>
    public static string NewKey() => "dsk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The key's name in lists and URLs (<c>key_…</c>); it reveals nothing of the key.</summary>
    public static string NewId() => "key_" + RandomNumberGenerator.GetString(Alphabet, 16);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
