using System.Text.Json.Serialization;
using Dispatcher.Server.Api.Webhooks;

namespace Dispatcher.Server.Api.OpenApi;

// The handler reads the body field by field (WebhookPatch, to tell an absent field from a null one);
// this record only describes it in the document.

/// <summary>
/// The body of <c>PATCH /v1/webhooks/{id}</c>: only the fields present change; <c>null</c> puts <c>rateLimit</c>
/// and <c>retrySchedule</c> back to the deployment's, and removes <c>headers</c>; any other field is refused with <c>UNKNOWN_FIELD</c>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record WebhookPatchBody(
    string? Endpoint,
    string? Url,
    IReadOnlyList<string>? Events,
    RateLimitRequest? RateLimit,
    IReadOnlyList<int>? RetrySchedule,
    IReadOnlyDictionary<string, string>? Headers = null);
