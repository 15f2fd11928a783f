using Dispatcher.Core.Events;
using Dispatcher.Core.Webhooks;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>
/// The one place create and PATCH check a webhook's fields, so both answer the same codes for the
/// same mistakes. The endpoint URL rules and the event-name check are each called only here.
/// </summary>
public static class WebhookRequestValidator
{
    public const int MinSecretLength = 16;

    public static ApiError? Endpoint(string? value, bool allowLocal, out Uri endpoint) =>
        EndpointUrlRules.TryParse(value, allowLocal, out endpoint, out string urlError)
            ? null
            : ApiError.BadRequest("INVALID_ENDPOINT", urlError);

    /// <param name="subscribed">The distinct names, in the order given.</param>
    public static ApiError? Events(IReadOnlyList<string?>? requested, out IReadOnlyList<string> subscribed)
    {
        subscribed = [];
        if (requested is not { Count: > 0 } events)
        {
            return ApiError.BadRequest("INVALID_EVENTS", "events must list at least one event type", []);
        }
        var unknown = events.Where(e => !EventCatalogue.Contains(e ?? "")).Select(e => e ?? "null").ToList();
        if (unknown.Count > 0)
        {
            return ApiError.BadRequest("INVALID_EVENTS", $"unknown event types: {string.Join(", ", unknown)}; GET /v1/event-types lists them", unknown);
        }
        subscribed = events.Select(e => e!).Distinct(StringComparer.Ordinal).ToList();
        return null;
    }

    /// <summary>Missing or <c>"auto"</c>: a generated secret. Otherwise at least 16 characters.</summary>
    public static ApiError? Secret(string? requested, out string secret)
    {
        secret = requested is null or "auto" ? WebhookIds.NewSecret() : requested;
        return secret.Length < MinSecretLength
            ? ApiError.BadRequest("INVALID_SECRET", $"secret must be \"auto\" or at least {MinSecretLength} characters")
            : null;
    }
}
