using System.Text.Json;
using Dispatcher.Core.Deliveries;
using Dispatcher.Core.Events;
using Dispatcher.Core.Profiles;
using Dispatcher.Core.Webhooks;
using Dispatcher.Server.Api.Deliveries;
using Dispatcher.Server.Api.Events;
using Dispatcher.Server.Api.Webhooks;

namespace Dispatcher.Server.Api.OpenApi;

/// <summary>
/// The examples the document shows, by operationId (the <c>/api/webhooks</c> aliases share their
/// <c>/v1</c> operation's). Built from the API's own types where it has them, so an example is
/// written the way the server writes an answer; the contract tests validate each against its schema.
/// </summary>
public static class ApiExamples
{
    private const string WebhookId = "wh_3k9x0c2m7q4v8b1n5z6t";
    private const string DeliveryId = "dlv_5d41402abc4b2a76b9719d91";
    private const string EventId = "evt_01JD8Z6K4Q";
    private static readonly DateTime CreatedAt = new(2026, 11, 24, 9, 30, 0, DateTimeKind.Utc);

    private static readonly WebhookResponse Webhook = new(
        WebhookId, "https://hooks.example.com/dispatcher", "cd4cd", ["link.clicked", "link.created"], CreatedAt,
        "enabled", null, new RateLimitSettings(20, 5), null, null)
    {
        StatusChangedAt = CreatedAt,
        Headers = new Dictionary<string, string> { ["Authorization"] = CustomHeaderRedaction.Value },
    };

    private static readonly CreateWebhookRequest Create = new()
    {
        Endpoint = "https://hooks.example.com/dispatcher",
        Events = ["link.clicked", "link.created"],
        Secret = "auto",
        Format = "cd4cd",
        RateLimit = new RateLimitRequest { PerSecond = 20, Burst = 5 },
        Headers = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["Authorization"] = "Bearer rcv_4f9a2c7e1b8d3f6a" }),
    };

    private static readonly DeliveryLogEntry Attempt = new(
        new DateTimeOffset(2026, 11, 24, 9, 31, 2, TimeSpan.Zero), DeliveryId, EventId, "link.clicked", 2, DeliveryOutcome.Retrying,
        503, null, 182.4,
        new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["CD4CD-Signature"] = "t=1795512662,v1=9f2c6e0b8d1a47c3b5e2f4a6c8d0e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5",
            ["User-Agent"] = "Dispatcher-Webhooks/1.0",
        },
        """{"id":"evt_01JD8Z6K4Q","type":"link.clicked","createdAt":"2026-11-24T09:30:58Z","data":{"linkId":"lnk_42","country":"DE"}}""",
        false, "upstream busy");

    /// <summary>
    /// The customer API's (the stats' from <see cref="StatsApiExamples"/>) and, from <see cref="OperatorApiExamples"/>, the operator API's.
    /// </summary>
    public static IReadOnlyDictionary<string, OperationExample> ByOperation { get; } = new Dictionary<string, OperationExample>(
        Customer().Concat(StatsApiExamples.ByOperation).Concat(OperatorApiExamples.ByOperation));

    private static Dictionary<string, OperationExample> Customer() => new()
    {
        ["CreateWebhook"] = new(Create, new Dictionary<int, object>
        {
            [201] = Webhook with { Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw7ZSBsVGkgZk=" },
            [400] = Error("INVALID_EVENTS", "not full event names of the cd4cd format: click; GET /v1/event-types lists each format's names", ["click"]),
            [409] = Error("WEBHOOK_LIMIT_REACHED", "this workspace already has its limit of 20 webhooks; delete one or ask for a higher limit"),
        }),
        ["ListWebhooks"] = new(null, new Dictionary<int, object> { [200] = new WebhookListResponse([Webhook]) }),
        ["GetWebhook"] = new(null, new Dictionary<int, object>
        {
            [200] = Webhook with
            {
                Status = "disabled",
                StatusReason = "disabled through the API",
                StatusChangedAt = CreatedAt.AddHours(3),
                QueueExpiresAt = CreatedAt.AddDays(7),
            },
        }),
        ["UpdateWebhook"] = new(
            new WebhookPatchBody(null, null, ["link.clicked"], null, [60, 300, 900], new Dictionary<string, string> { ["X-Tenant"] = "acme" }),
            new Dictionary<int, object>
            {
                [200] = Webhook with
                {
                    Events = ["link.clicked"],
                    RetrySchedule = [60, 300, 900],
                    Headers = new Dictionary<string, string> { ["X-Tenant"] = CustomHeaderRedaction.Value },
                },
                [400] = Error("UNKNOWN_FIELD", "unknown field 'evnts'; PATCH accepts endpoint, url, events, rateLimit, retrySchedule, headers", ["evnts"]),
            }),
        ["RotateWebhookSecret"] = new(new RotateSecretRequest { Secret = "auto" }, new Dictionary<int, object>
        {
            [200] = Webhook with
            {
                Secret = "whsec_3q2+7w8Zk0yV1cJ5nX9pL4tR6uE2oA8sD0fG1hJ3kL4=",
                PreviousSecretExpiresAt = CreatedAt.AddDays(1),
            },
        }),
        ["SendTestEvent"] = new(null, new Dictionary<int, object>
        {
            [202] = new TestEventResponse("evt_test_8h2k4m6p9r1t3v5x7z0b", WebhookTestEvent.Type),
            [429] = Error("RATE_LIMITED", "this API key may make 60 test, replay and recover calls per 00:01:00; try again in 12 s"),
        }),
        ["EnableWebhook"] = new(null, new Dictionary<int, object> { [200] = Webhook }),
        ["ListDeliveries"] = new(null, new Dictionary<int, object>
        {
            [200] = new DeliveryListResponse([Attempt], new DeliveryLogCursor(Attempt.At.ToUnixTimeMilliseconds(), DeliveryId, 0).Encode()),
            [400] = Error("INVALID_OUTCOME", "outcome must be one of: " + string.Join(", ", DeliveryOutcomes.All), ["delivered"]),
        }),
        ["ReplayDelivery"] = new(null, new Dictionary<int, object>
        {
            [202] = new ReplayResponse(DeliveryId, "queued"),
            [410] = Error("EXPIRED", "the event of this delivery is past its retention and can no longer be sent"),
        }),
        ["RecoverDeliveries"] = new(new RecoverRequest
        {
            Since = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero),
            Until = new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero),
        }, new Dictionary<int, object>
        {
            [202] = new RecoverResponse(12, 1, 2, new NotRecovered(1, 1, 0)),
            [400] = Error("INVALID_SINCE", "since is required, as an ISO 8601 time"),
        }),
        ["ListEventTypes"] = new(null, new Dictionary<int, object>
        {
            // The catalogue entry as GET /v1/event-types lists it: its name in every format.
            [200] = new EventTypeListResponse(EventCatalogue.All.Where(e => e.Name == "link.clicked")
                .Select(e => new EventTypeResponse(e.Name, e.Description, WebhookProfiles.All.ToDictionary(p => p.Name, p => p.EventName(e.Name))))
                .ToList()),
        }),
        ["GetEvent"] = new(null, new Dictionary<int, object>
        {
            [200] = new EventResponse(EventId, "link.clicked", CreatedAt, "ws_demo",
                JsonSerializer.SerializeToElement(new { linkId = "lnk_42", country = "DE" })),
            [404] = Error("NOT_FOUND", $"no event '{EventId}' in this workspace (events are kept for the dedupe window)"),
        }),
        ["GetEventDeliveries"] = new(null, new Dictionary<int, object>
        {
            [200] = new EventDeliveriesResponse(EventId,
                [new EventDeliveryResponse(WebhookId, "https://hooks.example.com/dispatcher", DeliveryId, DeliveryOutcome.Retrying, 503, true, [Attempt])]),
            [404] = Error("NOT_FOUND", $"no event '{EventId}' in this workspace (deliveries are kept with the delivery log, bodies for the dedupe window)"),
        }),
        ["DisableWebhook"] = new(null, new Dictionary<int, object>
        {
            [200] = Webhook with { Status = "disabled", StatusReason = "disabled through the API", StatusChangedAt = CreatedAt.AddHours(3) },
            [403] = Error("WORKSPACE_SUSPENDED", "workspace 'ws_demo' is suspended; its keys may only read (GET) until an operator resumes it"),
        }),
    };

    /// <summary>Shown for an error status an operation gives no example of.</summary>
    public static IReadOnlyDictionary<int, object> Errors { get; } = new Dictionary<int, object>
    {
        [400] = Error("INVALID_JSON", "the body is not valid JSON: 'x' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0."),
        [401] = Error("UNAUTHENTICATED", "missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'"),
        [403] = Error("INSUFFICIENT_SCOPE", "this key has scope 'read', which allows GET requests only; POST needs a key with scope 'write'"),
        [404] = Error("NOT_FOUND", $"no webhook '{WebhookId}' in this workspace"),
        [415] = Error("UNSUPPORTED_MEDIA_TYPE", "request bodies are JSON in UTF-8; charset=utf-16 is not accepted"),
        [429] = Error("RATE_LIMITED", "this API key may make 60 test, replay and recover calls per 00:01:00; try again in 12 s"),
    };

    private static ApiErrorResponse Error(string code, string message, IReadOnlyList<string>? invalid = null) =>
        new(new ApiErrorDetail(code, message, invalid));

    /// <summary>The body the server writes for <paramref name="error"/>.</summary>
    public static ApiErrorResponse Error(ApiError error) => Error(error.Code, error.Message, error.Invalid);
}
