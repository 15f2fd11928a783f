using System.Net.Mail;
using Dispatcher.Core.Events;
using Dispatcher.Engine.Lifecycle;
using Dispatcher.Redis.Directory;
using Dispatcher.Redis.Notifications;
using Dispatcher.Redis.Webhooks;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Workspaces;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Api.Admin;

/// <summary>
/// <c>/v1/admin/workspaces</c>: create, list, get, suspend, resume and delete workspaces at runtime.
/// Each write goes to Redis and this instance's directory is reloaded before the answer, so the
/// caller's next call here already sees it (other instances within a second: DirectoryRefresher).
/// </summary>
public static class WorkspaceAdminEndpoints
{
    /// <summary>The largest plan endpoint count an operator may set (as Dispatcher:Limits allows).</summary>
    public const int MaxWebhooksLimit = 100_000;

    public static void MapWorkspaceAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/workspaces", CreateAsync)
            .WithName("CreateWorkspace")
            .WithSummary("Create a workspace")
            .WithDescription("A runtime workspace, active at once on this instance (others within a second). `ownerEmail` and `maxWebhooks` " +
                "(its endpoint count; default the deployment's) are optional. The id of a deleted workspace may be used again. " +
                "`INVALID_WORKSPACE` lists each bad field in `invalid`; `WORKSPACE_EXISTS` for a runtime or configured workspace of that id.")
            .DescribesJsonBody<CreateWorkspaceRequest, RouteHandlerBuilder>()
            .Produces<WorkspaceResponse>(StatusCodes.Status201Created)
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict);
        admin.MapGet("/workspaces", List)
            .WithName("ListWorkspaces")
            .WithSummary("List the workspaces")
            .WithDescription("Runtime and configured workspaces, by id; `source` says which.")
            .Produces<WorkspaceListResponse>();
        admin.MapGet("/workspaces/{id}", Get)
            .WithName("GetWorkspace")
            .WithSummary("Get a workspace")
            .Produces<WorkspaceResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound);
        admin.MapPost("/workspaces/{id}/suspend", (string id, DirectoryStore store, WorkspaceDirectory directory, WorkspaceLimits limits,
            ConfiguredWorkspaces configured, TimeProvider time, ILoggerFactory loggers) =>
            SetStateAsync(id, WorkspaceState.Suspended, store, directory, limits, configured, time, loggers))
            .WithName("SuspendWorkspace")
            .WithSummary("Suspend a workspace")
            .WithDescription("Reversible: its ingest is refused, its keys may only read (anything but GET answers `403 WORKSPACE_SUSPENDED`), " +
                "and its due deliveries are held unsent until it is resumed. `409 CONFIGURED_WORKSPACE` for a configured workspace.")
            .Produces<WorkspaceResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        admin.MapPost("/workspaces/{id}/resume", (string id, DirectoryStore store, WorkspaceDirectory directory, WorkspaceLimits limits,
            ConfiguredWorkspaces configured, TimeProvider time, ILoggerFactory loggers) =>
            SetStateAsync(id, WorkspaceState.Active, store, directory, limits, configured, time, loggers))
            .WithName("ResumeWorkspace")
            .WithSummary("Resume a suspended workspace")
            .WithDescription("Ingest and writes are accepted again, and held deliveries go out. `409 CONFIGURED_WORKSPACE` for a configured workspace.")
            .Produces<WorkspaceResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        admin.MapDelete("/workspaces/{id}", DeleteAsync)
            .WithName("DeleteWorkspace")
            .WithSummary("Delete a workspace")
            .WithDescription("Final: ingest for it is refused from then on, every key of it revoked, every webhook of it deleted with its queue and log. " +
                "Interrupted, it can be called again. `409 CONFIGURED_WORKSPACE` for a configured workspace (remove it from the settings instead).")
            .Produces<DeletedWorkspaceResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(
        HttpContext http, DirectoryStore store, WorkspaceDirectory directory, ConfiguredWorkspaces configured,
        IOptions<DispatcherOptions> options, TimeProvider time, ILoggerFactory loggers)
    {
        var (request, bodyError) = await AdminJsonBody.ReadAsync(http, new CreateWorkspaceRequest(null, null, null));
        if (bodyError is not null)
        {
            return bodyError;
        }
        if (Validate(request!) is { } invalid)
        {
            return invalid;
        }
        string id = request!.Id!;
        if (configured.Contains(id))
        {
            return new ApiError(StatusCodes.Status409Conflict, "WORKSPACE_EXISTS", $"workspace '{id}' already exists in configuration");
        }
        var existing = await store.GetWorkspaceAsync(id);
        if (existing is { State: not WorkspaceState.Deleted })
        {
            return new ApiError(StatusCodes.Status409Conflict, "WORKSPACE_EXISTS", $"workspace '{id}' already exists");
        }
        var now = time.GetUtcNow();
        var created = new RuntimeWorkspace(id, request.OwnerEmail, request.MaxWebhooks, WorkspaceState.Active, now, now);
        // A deleted workspace's tombstone is replaced: the id may be used again.
        if (!await store.PutWorkspaceAsync(existing, created))
        {
            return new ApiError(StatusCodes.Status409Conflict, "WORKSPACE_EXISTS", $"workspace '{id}' was created meanwhile");
        }
        await directory.ReloadAsync();
        AdminLog.WorkspaceCreated(loggers.CreateLogger(AdminLog.Category), id);
        int max = created.MaxWebhooks ?? options.Value.Limits.WebhooksFor(id);
        return Results.Json(WorkspaceResponse.From(created, max), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static ApiError? Validate(CreateWorkspaceRequest request)
    {
        var invalid = new List<string>();
        if (request.Id is null || !EventValidator.IsPrintableToken(request.Id))
        {
            invalid.Add($"id: 1-{EventValidator.MaxIdLength} printable characters without spaces");
        }
        if (request.OwnerEmail is { } email && (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email))
        {
            invalid.Add("ownerEmail: one plain address, e.g. owner@example.com");
        }
        if (request.MaxWebhooks is < 1 or > MaxWebhooksLimit)
        {
            invalid.Add($"maxWebhooks: 1 to {MaxWebhooksLimit}");
        }
        return invalid.Count == 0 ? null : ApiError.BadRequest("INVALID_WORKSPACE", "the workspace is not valid", invalid);
    }

    private static IResult List(WorkspaceDirectory directory, ConfiguredWorkspaces configured, WorkspaceLimits limits)
    {
        var runtime = directory.Workspaces.Where(w => w.State != WorkspaceState.Deleted)
            .Select(w => WorkspaceResponse.From(w, limits.WebhooksFor(w.Id)));
        var fromSettings = configured.Ids.Where(id => directory.Find(id) is null).Select(id => Configured(id, configured, limits));
        var all = runtime.Concat(fromSettings).OrderBy(w => w.Id, StringComparer.Ordinal).ToList();
        return Results.Json(new WorkspaceListResponse(all), ApiJson.Options);
    }

    private static IResult Get(string id, WorkspaceDirectory directory, ConfiguredWorkspaces configured, WorkspaceLimits limits)
    {
        if (directory.Find(id) is { State: not WorkspaceState.Deleted } runtime)
        {
            return Results.Json(WorkspaceResponse.From(runtime, limits.WebhooksFor(id)), ApiJson.Options);
        }
        return configured.Contains(id) ? Results.Json(Configured(id, configured, limits), ApiJson.Options) : AdminErrors.NoWorkspace(id);
    }

    private static async Task<IResult> SetStateAsync(
        string id, WorkspaceState state, DirectoryStore store, WorkspaceDirectory directory, WorkspaceLimits limits,
        ConfiguredWorkspaces configured, TimeProvider time, ILoggerFactory loggers)
    {
        if (configured.Contains(id))
        {
            return AdminErrors.Configured(id, state == WorkspaceState.Suspended ? "suspended" : "resumed");
        }
        if (await store.GetWorkspaceAsync(id) is not { State: not WorkspaceState.Deleted } before)
        {
            return AdminErrors.NoWorkspace(id);
        }
        var after = before with { State = state, ChangedAt = time.GetUtcNow() };
        if (before.State != state && !await store.PutWorkspaceAsync(before, after))
        {
            return AdminErrors.Conflict($"workspace '{id}'");
        }
        await directory.ReloadAsync();
        var logger = loggers.CreateLogger(AdminLog.Category);
        if (state == WorkspaceState.Suspended)
        {
            AdminLog.WorkspaceSuspended(logger, id);
        }
        else
        {
            AdminLog.WorkspaceResumed(logger, id);
        }
        return Results.Json(WorkspaceResponse.From(before.State == state ? before : after, limits.WebhooksFor(id)), ApiJson.Options);
    }

    /// <summary>
    /// Tombstone first (ingest refused, no new key can be issued), then the keys revoked, then every
    /// webhook deleted through the customer API's delete path (their queues, holds and logs dropped).
    /// Interrupted, it can simply be called again: each step finds what is left.
    /// </summary>
    private static async Task<IResult> DeleteAsync(
        string id, DirectoryStore store, WorkspaceDirectory directory, ConfiguredWorkspaces configured,
        WebhookStore webhooks, WebhookLifecycle lifecycle, NotificationLogStore notifications, TimeProvider time, ILoggerFactory loggers)
    {
        if (configured.Contains(id))
        {
            return AdminErrors.Configured(id, "deleted");
        }
        var before = await store.GetWorkspaceAsync(id);
        if (before is null)
        {
            return AdminErrors.NoWorkspace(id);
        }
        if (before.State != WorkspaceState.Deleted
            && !await store.PutWorkspaceAsync(before, before with { State = WorkspaceState.Deleted, ChangedAt = time.GetUtcNow() }))
        {
            return AdminErrors.Conflict($"workspace '{id}'");
        }
        var keys = (await store.LoadAsync()).Keys.Where(k => k.Workspace == id).ToList();
        await store.RemoveKeysAsync(keys.Select(k => k.Id).ToList());
        await directory.ReloadAsync();
        // Reported: the keys that still worked (a rotated key past its overlap was refused already).
        int revoked = keys.Count(k => k.IsLive(time.GetUtcNow()));
        int deleted = 0;
        foreach (var webhook in await webhooks.ListAsync(id))
        {
            deleted += await lifecycle.DeleteAsync(id, webhook.Id) ? 1 : 0;
        }
        await notifications.ForgetEntriesAsync(id);
        AdminLog.WorkspaceDeleted(loggers.CreateLogger(AdminLog.Category), id, deleted, revoked);
        return Results.Json(new DeletedWorkspaceResponse(id, "deleted", deleted, revoked), ApiJson.Options);
    }

    private static WorkspaceResponse Configured(string id, ConfiguredWorkspaces configured, WorkspaceLimits limits) =>
        new(id, "configuration", "active", configured.OwnerEmail(id), limits.WebhooksFor(id), null);
}
