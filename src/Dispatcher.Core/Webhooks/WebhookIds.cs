using System.Security.Cryptography;
using System.Text;

namespace Dispatcher.Core.Webhooks;

/// <summary>Creates webhook ids, secrets and delivery ids.</summary>
public static class WebhookIds
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    public static string NewWebhookId() => "wh_" + RandomNumberGenerator.GetString(Alphabet, 20);

    /// <summary><c>whsec_</c> + base64 of 32 random bytes: the shape Standard Webhooks also expects.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// One event × one webhook. Deterministic, so a producer's retry of a partly written event
    /// finds the deliveries it already made instead of doubling them.
    /// </summary>
    public static string DeliveryId(string workspaceId, string eventId, string webhookId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{workspaceId}\n{eventId}\n{webhookId}"), hash);
        return "dlv_" + Convert.ToHexStringLower(hash[..12]);
    }
}
