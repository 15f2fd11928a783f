using System.Text.Json;
using Dispatcher.Core.Partitioning;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Lifecycle;
using Dispatcher.Redis.Schedule;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Server.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Dispatcher.Server.Api.Webhooks;

/// <summary>The customer-facing webhook API under <c>/v1/webhooks</c>.</summary>
public static class WebhookEndpoints
{
    /// <summary>Every route answers under <c>/v1/webhooks</c> and <c>/api/webhooks</c>.</summary>
    public static void MapWebhooks(this IEndpointRouteBuilder routes) => routes.MapUnderWebhooks("", MapWebhooks);

    private static void MapWebhooks(RouteGroupBuilder group)
    {
        group.WithTags("Webhooks");
        group.MapPost("", CreateAsync)
            .WithName("CreateWebhook")
            .WithSummary("Create a webhook")
            .WithDescription("Registers an endpoint for the listed events (full names of its format). The answer is the only time the signing secret is shown. " +
                "A `webhook.test` event is queued to it unless the deployment turned that off. `url` is accepted for `endpoint`.")
            .DescribesJsonBody<CreateWebhookRequest, RouteHandlerBuilder>()
            .Produces<WebhookResponse>(StatusCodes.Status201Created)
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        group.MapGet("", ListAsync)
            .WithName("ListWebhooks")
            .WithSummary("List the workspace's webhooks")
            .Produces<WebhookListResponse>();
        group.MapGet("/{id}", GetAsync)
            .WithName("GetWebhook")
            .WithSummary("Get a webhook")
            .WithDescription("Never shows the secret. A disabled webhook with queued events also shows `queueExpiresAt` and, within 24 h of it, a `warning`.")
            .Produces<WebhookResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteWebhook")
            .WithSummary("Delete a webhook")
            .WithDescription("Its pending deliveries are dropped.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesApiErrors(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/enable", EnableAsync)
            .WithName("EnableWebhook")
            .WithSummary("Enable a webhook")
            .WithDescription("Delivery resumes: queued events are sent, and the count of failures in a row starts over.")
            .Produces<WebhookResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/disable", DisableAsync)
            .WithName("DisableWebhook")
            .WithSummary("Disable a webhook")
            .WithDescription("Delivery stops; new events keep queuing (for the event retention) until it is enabled.")
            .Produces<WebhookResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound);
        group.MapWebhookChanges();
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, WebhookStore store, IOptions<DispatcherOptions> options, TimeProvider time,
        WebhookTestEventSender testEvents, ILoggerFactory loggers, Workspaces.WorkspaceLimits limits)
    {
        CreateWebhookRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<CreateWebhookRequest>(http.Request.Body, ApiJson.Options, http.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ApiError.BadRequest("INVALID_JSON", $"the body is not valid JSON: {ex.Message}");
        }
        if (request is null)
        {
            return ApiError.BadRequest("INVALID_JSON", "the body must be a JSON object");
        }
        var (endpointError, endpoint) = await WebhookRequestValidator.EndpointAsync(http, request.Endpoint ?? request.Url);
        if (endpointError is not null)
        {
            return endpointError;
        }
        if (WebhookRequestValidator.Format(request.Format, options.Value.DefaultFormat, out var profile) is { } formatError)
        {
            return formatError;
        }
        if (WebhookRequestValidator.Events(profile, request.Events, out var events) is { } eventsError)
        {
            return eventsError;
        }
        if (WebhookRequestValidator.Secret(profile, request.Secret, out string secret) is { } secretError)
        {
            return secretError;
        }

        if (WebhookSettingsRules.Validate(request, options.Value, out var rateLimit, out var retrySchedule) is { } settingsError)
        {
            return settingsError;
        }
        if (CustomHeaderRules.Validate(request.Headers, out var headers) is { } headersError)
        {
            return headersError;
        }

        // Milliseconds: what Redis keeps, so create and a later GET show the same time.
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var webhook = new Webhook(
            WebhookIds.NewWebhookId(), http.User.Workspace(), endpoint!, events, secret, createdAt)
        {
            Format = profile.Name,
            StatusChangedAt = createdAt,
            RateLimit = rateLimit,
            RetrySchedule = retrySchedule,
            Headers = headers,
        };
        var logger = loggers.CreateLogger(WebhookApiLog.Category);
        // The workspace's plan (runtime workspaces carry their own endpoint count).
        int limit = limits.WebhooksFor(webhook.WorkspaceId);
        if (await store.CreateAsync(webhook, limit) == CreateOutcome.LimitReached)
        {
            WebhookApiLog.WebhookLimitReached(logger, webhook.WorkspaceId, limit);
            return new ApiError(StatusCodes.Status409Conflict, "WEBHOOK_LIMIT_REACHED",
                $"this workspace already has its limit of {limit} webhooks; delete one or ask for a higher limit");
        }
        WebhookApiLog.WebhookCreated(logger, webhook.Id, webhook.WorkspaceId);
        if (options.Value.Webhooks.TestEventOnCreate)
        {
            try
            {
                WebhookApiLog.TestEventQueued(logger, await testEvents.SendAsync(webhook), webhook.Id);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The webhook exists: failing the create now would only make the client create it twice.
                WebhookApiLog.TestEventFailed(logger, webhook.Id, ex);
            }
        }
        return Results.Json(WebhookResponse.From(webhook, includeSecret: true), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(HttpContext http, WebhookStore store)
    {
        var webhooks = await store.ListAsync(http.User.Workspace());
        return Results.Json(new WebhookListResponse(webhooks.Select(w => WebhookResponse.From(w)).ToList()), ApiJson.Options);
    }

    private static async Task<IResult> GetAsync(
        string id, HttpContext http, WebhookStore store, ScheduleStore schedule, PartitionMap partitions, TimeProvider time)
    {
        var webhook = await store.GetAsync(http.User.Workspace(), id);
        return webhook is null
            ? ApiError.NoWebhook(id)
            : Results.Json(await QueueExpiryWarning.AddAsync(WebhookResponse.From(webhook), webhook, schedule, partitions, time), ApiJson.Options);
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, WebhookLifecycle lifecycle) =>
        await lifecycle.DeleteAsync(http.User.Workspace(), id) ? Results.NoContent() : ApiError.NoWebhook(id);

    /// <summary>Resumes delivery: queued events (kept while disabled) are sent again, the failure count starts over.</summary>
    private static Task<IResult> EnableAsync(string id, HttpContext http, WebhookStore store, WebhookLifecycle lifecycle) =>
        ChangeStatusAsync(id, http, store, lifecycle, WebhookStatus.Enabled, "enabled through the API");

    /// <summary>Stops delivery; new events keep queuing until the webhook is enabled.</summary>
    private static Task<IResult> DisableAsync(string id, HttpContext http, WebhookStore store, WebhookLifecycle lifecycle) =>
        ChangeStatusAsync(id, http, store, lifecycle, WebhookStatus.Disabled, "disabled through the API");

    /// <summary>The change is the lifecycle's (status, then the schedule's hold with its sequence, then the notification).</summary>
    private static async Task<IResult> ChangeStatusAsync(
        string id, HttpContext http, WebhookStore store, WebhookLifecycle lifecycle, WebhookStatus status, string reason)
    {
        string workspace = http.User.Workspace();
        if (await store.GetAsync(workspace, id) is not { } before)
        {
            return ApiError.NoWebhook(id);
        }
        if (!await lifecycle.SetStatusAsync(before, status, reason))
        {
            return ApiError.NoWebhook(id);
        }
        return await store.GetAsync(workspace, id) is { } after ? Results.Json(WebhookResponse.From(after), ApiJson.Options) : ApiError.NoWebhook(id);
    }

}
