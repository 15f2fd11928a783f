using Dispatcher.Core.Trust;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// What a customer may register as an endpoint: an absolute HTTPS URL (<c>http://</c> too under the
/// development switch <c>AllowLocal</c>) whose host, and every address it resolves to, the trust
/// policy allows. The same policy is applied again at connect time.
/// </summary>
public sealed partial class EndpointUrlRules(EndpointTrust trust, TimeProvider time, ILogger<EndpointUrlRules> logger)
{
    /// <summary>How long registration waits for the host's addresses.</summary>
    public static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    public async Task<EndpointCheck> CheckAsync(string? value, CancellationToken cancellationToken)
    {
        var parsed = Parse(value, trust.Policy.AllowLocal);
        if (parsed.Uri is not { } uri)
        {
            return parsed;
        }
        // A resolver that never answers must not hold the request open: the client gets a clear refusal.
        using var timeout = new CancellationTokenSource(LookupTimeout, time);
        using var lookup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HostCheck check;
        try
        {
            // IdnHost, not Host: it is what the handler dials, after IDN folding (①②⑦.0.0.1 is 127.0.0.1).
            check = await trust.CheckRegistrationAsync(uri.IdnHost, lookup.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            check = HostCheck.Refuse($"{uri.IdnHost} did not resolve within {LookupTimeout.TotalSeconds:0} s");
        }
        if (!check.IsAllowed)
        {
            LogEndpointRefused(logger, check.Refusal!);
            return new EndpointCheck(null, "endpoint refused: " + check.Refusal);
        }
        return new EndpointCheck(uri, "");
    }

    private static EndpointCheck Parse(string? value, bool allowLocal)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new(null, "endpoint is required");
        }
        if (value.Length > 2048 || !Uri.TryCreate(value, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            return new(null, "endpoint must be an absolute URL");
        }
        if (parsed.Scheme != Uri.UriSchemeHttps && !(allowLocal && parsed.Scheme == Uri.UriSchemeHttp))
        {
            return new(null, "endpoint must use https://");
        }
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            return new(null, "endpoint must not carry credentials in the URL");
        }
        return new(parsed, "");
    }

    // The host's reason only: the URL's path or query may carry a customer's token.
}
