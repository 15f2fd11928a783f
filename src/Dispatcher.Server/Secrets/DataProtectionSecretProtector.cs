using Dispatcher.Redis.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace Dispatcher.Server.Secrets;

/// <summary>Webhook secrets encrypted with ASP.NET Core Data Protection under a purpose of our own.</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    // The purpose isolates these payloads from anything else protected with the same key ring.
    public const string Purpose = "Dispatcher.WebhookSecrets.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
