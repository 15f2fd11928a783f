using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Server.Auth;

/// <summary>
/// Looks keys up by their SHA-256, so comparing a presented key never leaks, through timing, how
/// much of a real key it matched, and the raw keys are not kept in a dictionary.
/// </summary>
public sealed class KeyRing<TValue>
{
    private readonly FrozenDictionary<string, TValue> _byHash;

    public KeyRing(IEnumerable<KeyValuePair<string, TValue>> keys) =>
        _byHash = keys.ToFrozenDictionary(k => Hash(k.Key), k => k.Value, StringComparer.Ordinal);

    public bool TryGet(string? presented, out TValue value)
    {
        if (string.IsNullOrEmpty(presented))
        {
            value = default!;
            return false;
        }
        return _byHash.TryGetValue(Hash(presented), out value!);
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
