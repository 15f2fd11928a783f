using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Client.Signatures;

/// <summary>
/// Verifies the <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c> signature header Dispatcher sends
/// (CD4CD-Signature, Elido-Signature): HMAC-SHA256 keyed with the secret's UTF-8 bytes over
/// <c>t + "." + body</c>. During a secret rotation the header may carry several <c>v1</c> values;
/// any one matching is enough.
/// </summary>
public static class WebhookSignature
{
    /// <summary>Verifies against the current time.</summary>
    /// <param name="secret">The webhook's signing secret, exactly as shown at create (e.g. <c>whsec_…</c>).</param>
    /// <param name="header">The signature header's value.</param>
    /// <param name="body">The raw request body bytes, before any JSON parsing.</param>
    /// <param name="tolerance">How far <c>t</c> may be from now, either way (replay protection), e.g. 5 minutes.</param>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, TimeSpan tolerance) =>
        Verify(secret, header, body, tolerance, DateTimeOffset.UtcNow);

    /// <summary>Verifies a body given as the string it was read into (UTF-8 on the wire).</summary>
    public static bool Verify(string secret, string? header, string body, TimeSpan tolerance) =>
        Verify(secret, header, Encoding.UTF8.GetBytes(body), tolerance, DateTimeOffset.UtcNow);

    /// <summary>Verifies against <paramref name="now"/>, for receivers that run on their own clock.</summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, TimeSpan tolerance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrEmpty(header) || !TryParse(header, out long timestamp, out var candidates))
        {
            return false;
        }
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }
        byte[] signedInput = [.. Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."), .. body];
        byte[] expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signedInput);
        bool match = false;
        foreach (byte[] candidate in candidates)
        {
            // Check every candidate, so the time taken does not say which one matched.
            match |= CryptographicOperations.FixedTimeEquals(expected, candidate);
        }
        return match;
    }

    private static bool TryParse(string header, out long timestamp, out List<byte[]> signatures)
    {
        timestamp = 0;
        signatures = [];
        bool haveTimestamp = false;
        foreach (string part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }
            string name = part[..eq];
            string value = part[(eq + 1)..];
            if (name == "t")
            {
                haveTimestamp = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out timestamp);
            }
            else if (name == "v1" && value.Length == 64)
            {
                try
                {
                    signatures.Add(Convert.FromHexString(value));
                }
                catch (FormatException)
                {
                    // Not hex: cannot match, ignore it like any unknown part.
                }
            }
        }
        return haveTimestamp && signatures.Count > 0;
    }
}
