using System.Text.Json;
using Dispatcher.Engine.Holds;
using Dispatcher.Engine.Rules;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.Limits;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;


namespace Dispatcher.Server.Api.Webhooks;

/// <summary><c>PATCH /v1/webhooks/{id}</c>, <c>POST …/rotate-secret</c> and <c>POST …/test</c>.</summary>
public static class WebhookChangeEndpoints
{
    public static void MapWebhookChanges(this RouteGroupBuilder group)
    {
        group.MapPatch("/{id}", PatchAsync)
            .WithName("UpdateWebhook")
            .WithSummary("Change a webhook")
            .WithDescription("Only the fields given change, each checked as on create, all or nothing; an empty object changes nothing. " +
                "`null` puts `rateLimit` or `retrySchedule` back to the deployment's. An unknown field is `UNKNOWN_FIELD`, a `secret` `INVALID_SECRET`.")
            .DescribesJsonBody<WebhookPatchBody, RouteHandlerBuilder>()
            .Produces<WebhookResponse>()
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/{id}/rotate-secret", RotateSecretAsync)
            .WithName("RotateWebhookSecret")
            .WithSummary("Rotate a webhook's signing secret")
            .WithDescription("The new secret is shown this once. The previous one keeps signing too until `previousSecretExpiresAt` " +
                "(`Dispatcher:Secrets:RotationOverlap`, 24 h). The body is optional: none means a generated secret.")
            .DescribesJsonBody<RotateSecretRequest, RouteHandlerBuilder>(optional: true)
            .Produces<WebhookResponse>()
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);
        group.MapPost("/{id}/test", TestAsync)
            .WithName("SendTestEvent")
            .WithSummary("Send a test event")
            .WithDescription("Queues a `webhook.test` event to this webhook only (one attempt, no retries). " +
                "Test, replay and recover calls share a per-key limit.")
            .Produces<TestEventResponse>(StatusCodes.Status202Accepted)
            .ProducesApiErrors(StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
    }

    /// <summary>All or nothing: every present field is checked as on create before anything is written.</summary>
    private static async Task<IResult> PatchAsync(
        string id, HttpContext http, WebhookStore store, IOptions<DispatcherOptions> options, ILoggerFactory loggers,
        UnreadableSecretHolds secretHolds)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ApiError.BadRequest("INVALID_JSON", $"the body is not valid JSON: {ex.Message}");
        }
        if (WebhookPatch.TryParse(body, out var patch) is { } parseError)
        {
            return parseError;
        }
        string workspace = http.User.Workspace();
        var current = await store.GetAsync(workspace, id);
        if (current is null)
        {
            return ApiError.NoWebhook(id);
        }
        var updated = current;
        var changes = WebhookChanges.None;
        if (patch.HasEndpoint)
        {
            var (error, endpoint) = await WebhookRequestValidator.EndpointAsync(http, patch.Endpoint);
            if (error is not null)
            {
                return error;
            }
            (updated, changes) = (updated with { Endpoint = endpoint! }, changes | WebhookChanges.Endpoint);
        }
        if (patch.HasEvents)
        {
            if (WebhookRequestValidator.Events(WebhookRules.ProfileOf(current), patch.Events, out var events) is { } error)
            {
                return error;
            }
            (updated, changes) = (updated with { Events = events }, changes | WebhookChanges.Events);
        }
        if (patch.HasRateLimit)
        {
            if (WebhookSettingsRules.RateLimit(patch.RateLimit, out var rateLimit) is { } error)
            {
                return error;
            }
            (updated, changes) = (updated with { RateLimit = rateLimit }, changes | WebhookChanges.RateLimit);
        }
        if (patch.HasRetrySchedule)
        {
            if (WebhookSettingsRules.RetrySchedule(patch.RetrySchedule, options.Value, out var retrySchedule) is { } error)
            {
                return error;
            }
            (updated, changes) = (updated with { RetrySchedule = retrySchedule }, changes | WebhookChanges.RetrySchedule);
        }
        if (patch.HasHeaders)
        {
            if (CustomHeaderRules.Validate(patch.Headers, out var headers) is { } error)
            {
                return error;
            }
            (updated, changes) = (updated with { Headers = headers }, changes | WebhookChanges.Headers);
        }
        if (changes == WebhookChanges.None)
        {
            // An empty patch changes nothing, so it writes nothing: no record rewritten, no
            // subscription version bumped (which would make every instance's ingest re-read the workspace).
            return Results.Json(WebhookResponse.From(current), ApiJson.Options);
        }
        if (!await store.UpdateAsync(updated, changes))
        {
            return ApiError.NoWebhook(id);
        }
        WebhookApiLog.WebhookUpdated(loggers.CreateLogger(WebhookApiLog.Category), id, workspace, changes.ToString());
        var after = await store.GetAsync(workspace, id);
        if (current.SecretUnreadable && after is { SecretUnreadable: false })
        {
            // New headers repaired a record whose old ones could not be decrypted: its held deliveries need not wait for the recheck.
            await secretHolds.ReleaseAsync(after);
        }
        return after is null ? ApiError.NoWebhook(id) : Results.Json(WebhookResponse.From(after), ApiJson.Options);
    }

    /// <summary>A new secret, shown once; the old one keeps signing for <c>Dispatcher:Secrets:RotationOverlap</c>.</summary>
    private static async Task<IResult> RotateSecretAsync(
        string id, HttpContext http, WebhookStore store, IOptions<DispatcherOptions> options, TimeProvider time, ILoggerFactory loggers,
        UnreadableSecretHolds secretHolds)
    {
        RotateSecretRequest? request = null;
        using (var reader = new StreamReader(http.Request.Body))
        {
            string text = await reader.ReadToEndAsync(http.RequestAborted);
            try
            {
                request = string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<RotateSecretRequest>(text, ApiJson.Options);
            }
            catch (JsonException ex)
            {
                return ApiError.BadRequest("INVALID_JSON", $"the body is not valid JSON: {ex.Message}");
            }
        }
        string workspace = http.User.Workspace();
        if (await store.GetAsync(workspace, id) is not { } current)
        {
            return ApiError.NoWebhook(id);
        }
        if (WebhookRequestValidator.Secret(WebhookRules.ProfileOf(current), request?.Secret, out string secret) is { } secretError)
        {
            return secretError;
        }
        // Milliseconds: what Redis keeps, so this answer and a later GET show the same time.
        var previousUntil = DateTimeOffset.FromUnixTimeMilliseconds(
            (time.GetUtcNow() + options.Value.Secrets.RotationOverlap).ToUnixTimeMilliseconds());
        if (!await store.RotateSecretAsync(workspace, id, secret, previousUntil))
        {
            return ApiError.NoWebhook(id);
        }
        WebhookApiLog.SecretRotated(loggers.CreateLogger(WebhookApiLog.Category), id, workspace, previousUntil);
        if (current.SecretUnreadable)
        {
            // The new secret repaired the record: its held deliveries need not wait for the recheck.
            await secretHolds.ReleaseAsync(current);
        }
        var after = await store.GetAsync(workspace, id);
        // Shows the secret this call set, even if another rotation has already followed it.
        return after is null
            ? ApiError.NoWebhook(id)
            : Results.Json(WebhookResponse.From(after with { Secret = secret }, includeSecret: true), ApiJson.Options);
    }

    /// <summary>Queues a <c>webhook.test</c> event for this webhook only: <c>202</c> with its id.</summary>
    private static async Task<IResult> TestAsync(
        string id, HttpContext http, WebhookStore store, WebhookTestEventSender sender, ILoggerFactory loggers, SendLimiter limiter)
    {
        var webhook = await store.GetAsync(http.User.Workspace(), id);
        if (webhook is null)
        {
            return ApiError.NoWebhook(id);
        }
        if (await limiter.TryAcquireAsync(http.User) is { } limited)
        {
            return limited;
        }
        string eventId = await sender.SendAsync(webhook);
        WebhookApiLog.TestEventQueued(loggers.CreateLogger(WebhookApiLog.Category), eventId, id);
        return Results.Json(new TestEventResponse(eventId, Core.Webhooks.WebhookTestEvent.Type), ApiJson.Options,
            statusCode: StatusCodes.Status202Accepted);
    }

}
