using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Dispatcher.Core.Signing;

/// <summary>
/// The Stripe-style signature CD4CD and Elido use: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>
/// where hex is HMAC-SHA256(key, t + "." + body).
/// </summary>
public static class TimestampedSignature
{
    private const int HashBytes = 32;
    private const int MaxSecondsDigits = 20;

    /// <summary>The header value for one key. Key bytes are the secret string's UTF-8 bytes.</summary>
    public static string Create(ReadOnlySpan<byte> key, long unixSeconds, ReadOnlySpan<byte> body)
    {
        Span<byte> mac = stackalloc byte[HashBytes];
        ComputeMac(key, unixSeconds, body, mac);
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Writes the lower-case hex HMAC of <c>t.body</c> into <paramref name="hexDestination"/> (64 chars).</summary>
    public static void ComputeHex(ReadOnlySpan<byte> key, long unixSeconds, ReadOnlySpan<byte> body, Span<char> hexDestination)
    {
        Span<byte> mac = stackalloc byte[HashBytes];
        ComputeMac(key, unixSeconds, body, mac);
        Convert.TryToHexStringLower(mac, hexDestination, out _);
    }

    private static void ComputeMac(ReadOnlySpan<byte> key, long unixSeconds, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        // HMACSHA256.HashData wants the signed input in one span; a pooled buffer avoids a per-call array.
        byte[] rented = ArrayPool<byte>.Shared.Rent(MaxSecondsDigits + 1 + body.Length);
        try
        {
            Utf8Formatter.TryFormat(unixSeconds, rented, out int digits);
            rented[digits] = (byte)'.';
            body.CopyTo(rented.AsSpan(digits + 1));
            HMACSHA256.HashData(key, rented.AsSpan(0, digits + 1 + body.Length), mac);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
