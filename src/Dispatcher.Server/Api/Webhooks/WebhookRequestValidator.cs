using Dispatcher.Core.Profiles;
using Dispatcher.Core.Webhooks;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// The one place create, PATCH and rotate check a webhook's fields, so each answers the same codes
/// for the same mistakes. The endpoint trust rules and the event-name check are called only here.
/// </summary>
public static class WebhookRequestValidator
{
    public const int MinSecretLength = 16;

    /// <summary>The URL rules and trust (resolving the host): refused endpoints answer INVALID_ENDPOINT.</summary>
    public static async Task<(ApiError? Error, Uri? Endpoint)> EndpointAsync(HttpContext http, string? value)
    {
        var check = await http.RequestServices.GetRequiredService<EndpointUrlRules>().CheckAsync(value, http.RequestAborted);
        return check.Uri is { } uri ? (null, uri) : (ApiError.BadRequest("INVALID_ENDPOINT", check.Error), null);
    }

    /// <summary>The requested format, else the deployment's default.</summary>
    public static ApiError? Format(string? requested, string deploymentDefault, out WebhookProfile profile)
    {
        profile = WebhookProfiles.Find(requested ?? deploymentDefault)!;
        return profile is null ? ApiError.BadRequest("INVALID_FORMAT", $"format must be one of {WebhookProfiles.Names}") : null;
    }

    /// <summary>
    /// A webhook subscribes with its format's full event names (GeoRedir's <c>click</c>, AWSYS.CO's
    /// <c>link.click</c>); they are kept as catalogue names, what producers publish.
    /// </summary>
    /// <param name="subscribed">The subscription in catalogue names, distinct, in the order given.</param>
    public static ApiError? Events(WebhookProfile profile, IReadOnlyList<string?>? requested, out IReadOnlyList<string> subscribed)
    {
        subscribed = [];
        if (requested is not { Count: > 0 })
        {
            return ApiError.BadRequest("INVALID_EVENTS", "events must list at least one event type", []);
        }
        var known = new List<string>(requested.Count);
        var invalid = new List<string>();
        foreach (var name in requested)
        {
            if (name is not null && profile.TryGetCatalogueName(name, out string catalogueName))
            {
                known.Add(catalogueName);
            }
            else
            {
                invalid.Add(name ?? "null");
            }
        }
        if (invalid.Count > 0)
        {
            return ApiError.BadRequest("INVALID_EVENTS",
                $"not full event names of the {profile.Name} format: {string.Join(", ", invalid)}; GET /v1/event-types lists each format's names",
                invalid);
        }
        subscribed = known.Distinct(StringComparer.Ordinal).ToList();
        return null;
    }

    /// <summary>
    /// Missing or <c>"auto"</c>: a generated secret. Otherwise at least 16 characters, and for
    /// Standard Webhooks the <c>whsec_</c> + base64 shape its verifiers decode.
    /// </summary>
    public static ApiError? Secret(WebhookProfile profile, string? requested, out string secret)
    {
        secret = requested is null or "auto" ? WebhookIds.NewSecret() : requested;
        if (secret.Length < MinSecretLength)
        {
            return ApiError.BadRequest("INVALID_SECRET", $"secret must be \"auto\" or at least {MinSecretLength} characters");
        }
        if (profile.DecodesSecret && !RequestSigner.TryDecodeStandardSecret(secret, out _))
        {
            return ApiError.BadRequest("INVALID_SECRET", "a standard-webhooks secret must be \"auto\" or whsec_ followed by the base64 of 24 to 64 bytes");
        }
        return null;
    }
}
