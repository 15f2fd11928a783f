namespace Dispatcher.Redis.Webhooks;

/// <summary>
/// Encrypts webhook signing secrets before they reach Redis and decrypts them on the way back.
/// The server implements it over ASP.NET Core Data Protection; this library stays free of ASP.NET.
/// </summary>
public interface ISecretProtector
{
    /// <summary>An opaque, printable ciphertext of <paramref name="secret"/>.</summary>
    string Protect(string secret);

    /// <summary>The secret <paramref name="protectedSecret"/> was made from; throws <see cref="System.Security.Cryptography.CryptographicException"/> when it was tampered with or its key is gone.</summary>
    string Unprotect(string protectedSecret);
}
