using System.Collections.Frozen;

namespace Dispatcher.Core.Profiles;

/// <summary>
/// The request headers a webhook's custom headers cannot set: the ones Dispatcher writes itself
/// (every format's signature, id and timestamp headers, the content type, User-Agent and trace
/// context), and those that belong to the connection rather than the message. Every format's are
/// reserved, not only the webhook's own, so a receiver that checks several formats never sees a
/// signature header that Dispatcher did not compute.
/// </summary>
public static class ReservedHeaders
{
    private static readonly FrozenDictionary<string, string> Reasons = Build();

    /// <summary>Why <paramref name="name"/> cannot be a custom header, or null when it may be.</summary>
    public static string? ReasonFor(string name) => Reasons.GetValueOrDefault(name);

    private static FrozenDictionary<string, string> Build()
    {
        var reasons = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var profile in WebhookProfiles.All)
        {
            reasons[profile.SignatureHeader] = $"it carries the {profile.Name} format's signature";
            if (profile.EventIdHeader is { } idHeader)
            {
                reasons[idHeader] = $"it carries the {profile.Name} format's event id";
            }
        }
        reasons["webhook-timestamp"] = "it carries the standard-webhooks format's signed timestamp";
        foreach (string name in new[] { "Content-Type", "User-Agent", "traceparent", "tracestate" })
        {
            reasons[name] = "Dispatcher sets it on every delivery";
        }
        // The body's framing and the connection are the HTTP client's, not the webhook's (RFC 9110 §7.6.1).
        foreach (string name in new[]
        {
            "Host", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Proxy-Connection",
            "Proxy-Authenticate", "Proxy-Authorization", "TE", "Trailer", "Upgrade", "Expect", "Content-Encoding",
        })
        {
            reasons[name] = "it is a connection or framing header the HTTP client controls";
        }
        return reasons.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
