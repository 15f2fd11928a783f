using System.Net;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// What a customer may register as an endpoint: an absolute HTTPS URL, unless the development
/// switch <c>AllowLocal</c> lets <c>http://</c> and loopback through.
/// </summary>
public static class EndpointUrlRules
{
    public static bool TryParse(string? value, bool allowLocal, out Uri uri, out string error)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "endpoint is required";
            return false;
        }
        if (value.Length > 2048 || !Uri.TryCreate(value, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            error = "endpoint must be an absolute URL";
            return false;
        }
        if (parsed.Scheme != Uri.UriSchemeHttps && !(allowLocal && parsed.Scheme == Uri.UriSchemeHttp))
        {
            error = "endpoint must use https://";
            return false;
        }
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            error = "endpoint must not carry credentials in the URL";
            return false;
        }
        if (!allowLocal && IsLoopback(parsed))
        {
            error = "endpoint must not point at this machine";
            return false;
        }
        uri = parsed;
        error = "";
        return true;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
