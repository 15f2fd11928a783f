using System.Collections.Concurrent;
using Dispatcher.Redis.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace Dispatcher.Server.Secrets;

/// <summary>Webhook secrets encrypted with ASP.NET Core Data Protection under a purpose of our own.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    // The purpose isolates these payloads from anything else protected with the same key ring.
    public const string Purpose = "Dispatcher.WebhookSecrets.v1";

    // Webhooks are read on every publish request and every pump batch, and one Unprotect costs
    // ~16 µs and 1.2 KB here. A ciphertext always decrypts to the same secret, so the answer can
    // be kept (the secrets were in memory anyway). Cleared when full rather than evicted one by
    // one: refilling costs one Unprotect per live webhook. A revoked key is noticed only then.
    private const int MaxCached = 10_000;
    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);
    private readonly ConcurrentDictionary<string, string> _unprotected = new(StringComparer.Ordinal);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret)
    {
        if (_unprotected.TryGetValue(protectedSecret, out string? secret))
        {
            return secret;
        }
        secret = _protector.Unprotect(protectedSecret);
        if (_unprotected.Count >= MaxCached)
        {
            _unprotected.Clear();
        }
        _unprotected[protectedSecret] = secret;
        return secret;
    }
}
