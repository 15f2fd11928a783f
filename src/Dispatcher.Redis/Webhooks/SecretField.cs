using System.Security.Cryptography;

namespace Dispatcher.Redis.Webhooks;

/// <summary>
/// How a secret sits in a webhook's hash: protected values carry a marker, so records written
/// before secrets were encrypted (plain text) still read.
/// </summary>
internal static class SecretField
{
    // Versioned, so a later change of protection can tell its values from these.
    private const string Marker = "enc1:";

    public static string Write(string secret, ISecretProtector protector) => Marker + protector.Protect(secret);

    public static string Read(string stored, ISecretProtector protector) =>
        IsProtected(stored) ? protector.Unprotect(stored[Marker.Length..]) : stored;

    /// <summary>
    /// False when a protected value cannot be decrypted (its key left the ring, or the field was
    /// damaged): one such record must not make every reader of its workspace throw.
    /// </summary>
    public static bool TryRead(string stored, ISecretProtector protector, out string secret)
    {
        try
        {
            secret = Read(stored, protector);
            return true;
        }
        catch (CryptographicException)
        {
            secret = "";
            return false;
        }
    }

    public static bool IsProtected(string stored) => stored.StartsWith(Marker, StringComparison.Ordinal);
}
