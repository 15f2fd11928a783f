using Dispatcher.Testing;

namespace Dispatcher.FunctionalTests.Sdk;

/// <summary>One captured delivery handed to an SDK verifier, and what the verifier must answer.</summary>
/// <param name="NowMs">The receiver's clock for this check; null for the real one.</param>
/// <param name="Reason">The failure reason expected; null when <paramref name="Ok"/>.</param>
public sealed record VerifierCase(
    string Format, string Label, ReceivedRequest Request, string[] Secrets, long? NowMs, bool Ok, string? Reason)
{
    public string Name => $"{Format}: {Label}";

    /// <summary>What the driver scripts read: headers as received, the raw body as base64.</summary>
    public object Input => new
    {
        name = Name,
        format = Format,
        headers = Request.Headers,
        body = Convert.ToBase64String(Request.Body),
        secrets = Secrets,
        nowMs = NowMs,
    };
}
