using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.LoadTest.Receiving;

/// <summary>
/// Checks <c>CD4CD-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256(secret UTF-8, t + "." + body)&gt;</c>
/// as a customer following the CD4CD docs would — written from the docs, not with the SDK's verifier,
/// so a fault shared by the SDK and the server would still show here.
/// </summary>
public static class SignatureCheck
{
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool IsValid(string secret, string? header, ReadOnlySpan<byte> body, long nowMicros)
    {
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }
        string? t = null, v1 = null;
        foreach (string part in header.Split(','))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal))
            {
                t = part[2..];
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal))
            {
                v1 = part[3..];
            }
        }
        if (t is null || v1 is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return false;
        }
        if (Math.Abs(nowMicros / 1_000_000 - seconds) > Tolerance.TotalSeconds)
        {
            return false;
        }
        byte[] input = [.. Encoding.UTF8.GetBytes(t + "."), .. body];
        string expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), input));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(v1));
    }
}
