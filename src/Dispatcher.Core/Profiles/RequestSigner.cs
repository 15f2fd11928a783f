using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dispatcher.Core.Signing;

namespace Dispatcher.Core.Profiles;

/// <summary>The headers that sign one delivery in a profile's scheme.</summary>
public static class RequestSigner
{
    private const string StandardSecretPrefix = "whsec_";

    /// <param name="secrets">The webhook's live secrets, current first (see <c>Webhook.LiveSecrets</c>).</param>
    /// <param name="eventId">Signed by Standard Webhooks, and sent in the profile's id header where its envelope has no id.</param>
    /// <param name="unixSeconds">The send time of this attempt.</param>
    public static List<KeyValuePair<string, string>> Sign(
        WebhookProfile profile, IReadOnlyList<string> secrets, string eventId, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var headers = new List<KeyValuePair<string, string>>(3);
        var signing = profile.SignsWithEveryLiveSecret ? secrets : [secrets[0]];
        switch (profile.Signature)
        {
            case SignatureScheme.TimestampedHex:
                var value = new StringBuilder("t=").Append(unixSeconds.ToString(CultureInfo.InvariantCulture));
                Span<char> hex = stackalloc char[64];
                foreach (var secret in signing)
                {
                    TimestampedSignature.ComputeHex(KeyOf(profile, secret), unixSeconds, body, hex);
                    value.Append(",v1=").Append(hex);
                }
                headers.Add(new(profile.SignatureHeader, value.ToString()));
                break;
            case SignatureScheme.BodyHex:
                headers.Add(new(profile.SignatureHeader, Convert.ToHexStringLower(HMACSHA256.HashData(KeyOf(profile, signing[0]), body))));
                break;
            case SignatureScheme.StandardWebhooks:
                headers.Add(new("webhook-timestamp", unixSeconds.ToString(CultureInfo.InvariantCulture)));
                var signatures = new List<string>(signing.Count);
                foreach (var secret in signing)
                {
                    signatures.Add("v1," + Convert.ToBase64String(StandardWebhooksMac(KeyOf(profile, secret), eventId, unixSeconds, body)));
                }
                headers.Add(new(profile.SignatureHeader, string.Join(' ', signatures)));
                break;
        }
        if (profile.EventIdHeader is { } idHeader)
        {
            headers.Insert(0, new(idHeader, eventId));
        }
        return headers;
    }

    /// <summary>
    /// The HMAC key: the secret's UTF-8 bytes, or for Standard Webhooks the bytes the base64 after
    /// <c>whsec_</c> stands for (a secret not in that shape, which create refuses, falls back to UTF-8).
    /// </summary>
    public static byte[] KeyOf(WebhookProfile profile, string secret)
    {
        if (profile.DecodesSecret && TryDecodeStandardSecret(secret, out byte[] key))
        {
            return key;
        }
        return Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>Whether <paramref name="secret"/> is <c>whsec_</c> + base64 of 24 to 64 bytes, as Standard Webhooks asks.</summary>
    public static bool TryDecodeStandardSecret(string secret, out byte[] key)
    {
        key = [];
        if (!secret.StartsWith(StandardSecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            key = Convert.FromBase64String(secret[StandardSecretPrefix.Length..]);
        }
        catch (FormatException)
        {
            return false;
        }
        return key.Length is >= 24 and <= 64;
    }

    private static byte[] StandardWebhooksMac(byte[] key, string eventId, long unixSeconds, ReadOnlySpan<byte> body)
    {
        string prefix = $"{eventId}.{unixSeconds.ToString(CultureInfo.InvariantCulture)}.";
        int prefixBytes = Encoding.UTF8.GetByteCount(prefix);
        byte[] rented = ArrayPool<byte>.Shared.Rent(prefixBytes + body.Length);
        try
        {
            Encoding.UTF8.GetBytes(prefix, rented);
            body.CopyTo(rented.AsSpan(prefixBytes));
            return HMACSHA256.HashData(key, rented.AsSpan(0, prefixBytes + body.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
