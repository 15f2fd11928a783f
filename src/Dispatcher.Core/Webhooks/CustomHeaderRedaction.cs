namespace Dispatcher.Core.Webhooks;

/// <summary>
/// How a webhook's custom headers are shown anywhere but on the wire (API answers, the delivery
/// log): by name, each value replaced, because a value is typically a credential.
/// </summary>
public static class CustomHeaderRedaction
{
    /// <summary>What stands in for every custom header's value.</summary>
    public const string Value = "[redacted]";

    /// <summary>Name → <see cref="Value"/>, in the webhook's order.</summary>
    public static IReadOnlyDictionary<string, string> Of(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var shown = new Dictionary<string, string>(headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _) in headers)
        {
            shown[name] = Value;
        }
        return shown;
    }
}
