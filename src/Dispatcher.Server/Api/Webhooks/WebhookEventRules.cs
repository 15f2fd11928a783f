using Dispatcher.Core.Profiles;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// A webhook subscribes with its format's full event names (GeoRedir's <c>click</c>, AWSYS.CO's
/// <c>link.click</c>); they are kept as catalogue names, what producers publish.
/// </summary>
public static class WebhookEventRules
{
    /// <param name="catalogueNames">The subscription in catalogue names, without repeats.</param>
    public static ApiError? Validate(WebhookProfile profile, IReadOnlyList<string?>? names, out IReadOnlyList<string> catalogueNames)
    {
        catalogueNames = [];
        if (names is not { Count: > 0 })
        {
            return ApiError.BadRequest("INVALID_EVENTS", "events must list at least one event type", []);
        }
        var known = new List<string>(names.Count);
        var invalid = new List<string>();
        foreach (var name in names)
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
        catalogueNames = known.Distinct(StringComparer.Ordinal).ToList();
        return null;
    }
}
