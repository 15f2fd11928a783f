using System.Text.Json;

namespace Dispatcher.Redis.Webhooks;

/// <summary>
/// How a webhook's custom headers sit in its hash: a JSON array of <c>[name, value]</c> pairs (order
/// kept), protected like the secret because a value is typically a credential (<c>Authorization</c>).
/// An empty field means none.
/// </summary>
internal static class CustomHeadersField
{
    public static string Write(IReadOnlyList<KeyValuePair<string, string>> headers, ISecretProtector protector) =>
        headers.Count == 0 ? "" : SecretField.Write(JsonSerializer.Serialize(headers.Select(h => new[] { h.Key, h.Value })), protector);

    /// <summary>False when the stored value cannot be decrypted or parsed; <paramref name="headers"/> is then empty.</summary>
    public static bool TryRead(string? stored, ISecretProtector protector, out IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        headers = [];
        if (string.IsNullOrEmpty(stored))
        {
            return true;
        }
        if (!SecretField.TryRead(stored, protector, out string json))
        {
            return false;
        }
        try
        {
            var pairs = JsonSerializer.Deserialize<string[][]>(json) ?? [];
            if (pairs.Any(p => p is not [_, _]))
            {
                return false;
            }
            headers = pairs.Select(p => new KeyValuePair<string, string>(p[0], p[1])).ToList();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
