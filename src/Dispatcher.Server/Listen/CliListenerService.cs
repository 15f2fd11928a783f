using Dispatcher.Core.Events;
using Dispatcher.Core.Profiles;
using Dispatcher.Core.Webhooks;
using Dispatcher.Engine.Sending;
using Dispatcher.Protocol.V1;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.Webhooks;
using Dispatcher.Server.Auth;
using Dispatcher.Redis.Directory;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Workspaces;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Listen;

/// <summary>
/// <c>dispatcher listen</c>'s server side: registers (or resumes) a temporary webhook whose endpoint is
/// <c>cli://listen/&lt;id&gt;</c>, a normal webhook in Redis (delivery log, retries and rate cap apply),
/// and streams its attempts to the CLI. Authenticated with the workspace's API key.
/// </summary>
public sealed partial class CliListenerService(
    ListenSessions sessions, ListenRelay relay, WebhookStore store, IOptions<DispatcherOptions> options, TimeProvider time,
    OutboundHttpOptions http, IHostApplicationLifetime lifetime, WorkspaceDirectory directory, WorkspaceLimits limits,
    ILogger<CliListenerService> logger) : CliListener.CliListenerBase
{
    private readonly KeyRing<string> _apiKeys = new(options.Value.ApiKeys.Select(k => KeyValuePair.Create(k.Key, k.Workspace)));

    public override async Task Listen(ListenRequest request, IServerStreamWriter<ListenMessage> responseStream, ServerCallContext context)
    {
        string workspace = Authenticate(context);
        var (webhook, secret) = string.IsNullOrEmpty(request.WebhookId)
            ? await CreateAsync(workspace, request)
            : (await ResumeAsync(workspace, request.WebhookId), "");
        var profile = WebhookProfiles.Find(webhook.Format) ?? WebhookProfiles.Cd4cd;
        var started = new ListenStarted { WebhookId = webhook.Id, Format = profile.Name, Secret = secret };
        started.Events.AddRange(webhook.Events.Select(profile.EventName));

        var connection = new ListenConnection(workspace);
        sessions.Connect(webhook.Id, connection);
        // Tells the instance delivering this webhook's partition, wherever it runs, where to relay its attempts.
        await using var held = await relay.HoldAsync(webhook.Id, () => sessions.IsConnected(webhook.Id));
        LogConnected(logger, webhook.Id, workspace, secret.Length > 0);
        using var open = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, lifetime.ApplicationStopping);
        try
        {
            await responseStream.WriteAsync(new ListenMessage { Started = started }, open.Token);
            await foreach (var delivery in connection.Reader.ReadAllAsync(open.Token))
            {
                await responseStream.WriteAsync(new ListenMessage { Delivery = delivery }, open.Token);
            }
        }
        catch (OperationCanceledException) when (open.IsCancellationRequested)
        {
            // The CLI hung up (it reconnects to the same webhook), or this instance is stopping.
        }
        finally
        {
            sessions.Disconnect(webhook.Id, connection);
            LogDisconnected(logger, webhook.Id);
        }
    }

    public override async Task<DeliveryReportAck> ReportResult(DeliveryReport request, ServerCallContext context)
    {
        string workspace = Authenticate(context);
        if (request.StatusCode != 0 && request.StatusCode is < 100 or > 599)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"status_code {request.StatusCode} is not an HTTP status (100-599), nor 0 for unreachable"));
        }
        if (request.StreamClosed)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "stream_closed is set between servers only, never by a client"));
        }
        var report = ListenReportLimits.Capped(request, http.MaxResponseBodyBytes);
        return new DeliveryReportAck { Accepted = await sessions.ReportAsync(report, workspace) };
    }

    private string Authenticate(ServerCallContext context)
    {
        string? header = context.RequestHeaders.GetValue("authorization");
        if (header is null)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "missing 'authorization: Bearer <api key>' metadata"));
        }
        string? presented = BearerToken.Parse(header);
        if (_apiKeys.TryGet(presented, out string workspace))
        {
            return workspace;
        }
        // A runtime key listens only with scope 'write', and not while its workspace is suspended.
        if (directory.FindKey(presented) is not { } runtime || runtime.Scope == KeyScope.Publish)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the API key is not valid"));
        }
        if (runtime.Scope != KeyScope.Write)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"this key has scope '{KeyScopes.Name(runtime.Scope)}'; listen needs a key with scope 'write'"));
        }
        if (directory.IsHeld(runtime.Workspace))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"workspace '{runtime.Workspace}' is suspended; listen is refused until an operator resumes it"));
        }
        return runtime.Workspace;
    }

    private async Task<(Webhook Webhook, string Secret)> CreateAsync(string workspace, ListenRequest request)
    {
        if (WebhookRequestValidator.Format(NullIfEmpty(request.Format), options.Value.DefaultFormat, out var profile) is { } formatError)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{formatError.Code}: {formatError.Message}"));
        }
        // No events named: every event a producer publishes, in this format's names. The owner
        // notification types (webhook.failing…) only when named: they are about webhooks, not the product.
        IReadOnlyList<string?> requested = request.Events.Count > 0
            ? request.Events.ToList()
            : EventCatalogue.All.Where(e => EventCatalogue.IsPublishable(e.Name)).Select(e => (string?)profile.EventName(e.Name)).ToList();
        if (WebhookRequestValidator.Events(profile, requested, out var events) is { } eventsError)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{eventsError.Code}: {eventsError.Message}"));
        }
        string secret = WebhookIds.NewSecret();
        string id = WebhookIds.NewWebhookId();
        var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var webhook = new Webhook(id, workspace, ListenEndpoint.For(id), events, secret, createdAt) { Format = profile.Name, StatusChangedAt = createdAt };
        int limit = limits.WebhooksFor(workspace);
        if (await store.CreateAsync(webhook, limit) == CreateOutcome.LimitReached)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"WEBHOOK_LIMIT_REACHED: this workspace already has its limit of {limit} webhooks"));
        }
        return (webhook, secret);
    }

    private async Task<Webhook> ResumeAsync(string workspace, string webhookId)
    {
        var webhook = await store.GetAsync(workspace, webhookId);
        // Another workspace's webhook, or a normal one, is simply not a listen session of this caller.
        if (webhook is null || !ListenEndpoint.IsListen(webhook.Endpoint))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"no listen session {webhookId} in this workspace"));
        }
        return webhook;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
