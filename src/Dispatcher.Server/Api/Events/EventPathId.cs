using Microsoft.AspNetCore.Http.Features;

namespace Dispatcher.Server.Api.Events;

/// <summary>
/// The event id in a <c>/v1/events/…</c> path as the caller percent-encoded it, decoded once. The route
/// value cannot be used as it is: the server decodes every escape of the path except <c>%2F</c>, so
/// <c>a%2Fb</c> (id <c>a/b</c>) and <c>a%252Fb</c> (id <c>a%2Fb</c>) would both arrive as <c>a%2Fb</c>.
/// The raw request target still tells them apart.
/// </summary>
public static class EventPathId
{
    private const string Route = "/v1/events/";

    /// <param name="routeValue">What routing bound, used when the raw target is not at hand.</param>
    /// <param name="moreFollows">True where the path goes on after the id (<c>…/deliveries</c>): the id is one segment.</param>
    public static string Of(HttpContext http, string routeValue, bool moreFollows)
    {
        string? raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null)
        {
            return routeValue;
        }
        int query = raw.IndexOf('?', StringComparison.Ordinal);
        string path = query < 0 ? raw : raw[..query];
        int start = path.IndexOf(Route, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return routeValue;
        }
        start += Route.Length;
        int end = moreFollows ? path.IndexOf('/', start) : path.Length;
        return end < 0 ? routeValue : Uri.UnescapeDataString(path[start..end]);
    }
}
