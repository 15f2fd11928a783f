using Dispatcher.Redis.Directory;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Server.Auth;
using Dispatcher.Server.Workspaces;

namespace Dispatcher.Server.Api.Admin;

/// <summary>
/// <c>/v1/admin/workspaces/{id}/keys</c>: issue, list, rotate and revoke a workspace's runtime keys.
/// A key is answered once, when issued; Redis keeps only its SHA-256.
/// </summary>
public static class KeyAdminEndpoints
{
    /// <summary>How long a rotated key keeps working when the call does not say. One hour.</summary>
    public const int DefaultOverlapSeconds = 3600;

    /// <summary>The longest overlap: a week, so a forgotten old key does not live on for good.</summary>
    public const int MaxOverlapSeconds = 7 * 24 * 3600;

    public static void MapKeyAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/workspaces/{id}/keys", IssueAsync)
            .WithName("IssueKey")
            .WithSummary("Issue a key for a workspace")
            .WithDescription("`scope` is `read` (the customer API's GETs), `write` (the customer API) or `publish` (gRPC ingest). " +
                "The answer is the only time `key` is shown: only its SHA-256 is kept. Configured workspaces may have runtime keys too.")
            .DescribesJsonBody<IssueKeyRequest, RouteHandlerBuilder>()
            .Produces<KeyResponse>(StatusCodes.Status201Created)
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        admin.MapGet("/workspaces/{id}/keys", List)
            .WithName("ListKeys")
            .WithSummary("List a workspace's keys")
            .WithDescription("The runtime keys still working, never the keys themselves; configured keys are not listed.")
            .Produces<KeyListResponse>()
            .ProducesApiErrors(StatusCodes.Status404NotFound);
        admin.MapPost("/workspaces/{id}/keys/{keyId}/rotate", RotateAsync)
            .WithName("RotateKey")
            .WithSummary("Rotate a key")
            .WithDescription("A new key with the same scope, shown this once; the old one keeps working for `overlapSeconds` " +
                "(0 to 604800, default 3600), then is refused everywhere. The body is optional. " +
                "`409 KEY_ALREADY_ROTATED`: rotate its replacement instead.")
            .DescribesJsonBody<RotateKeyRequest, RouteHandlerBuilder>(optional: true)
            .Produces<RotatedKeyResponse>()
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
        admin.MapDelete("/workspaces/{id}/keys/{keyId}", RevokeAsync)
            .WithName("RevokeKey")
            .WithSummary("Revoke a key")
            .WithDescription("Refused by every instance within a second. Another workspace's key is `404`.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesApiErrors(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> IssueAsync(
        string id, HttpContext http, DirectoryStore store, WorkspaceDirectory directory, ConfiguredWorkspaces configured,
        TimeProvider time, ILoggerFactory loggers)
    {
        var (request, bodyError) = await AdminJsonBody.ReadAsync(http, new IssueKeyRequest(null));
        if (bodyError is not null)
        {
            return bodyError;
        }
        if (KeyScopes.Parse(request!.Scope) is not { } scope)
        {
            return ApiError.BadRequest("INVALID_SCOPE", $"scope must be '{KeyScopes.Read}', '{KeyScopes.Write}' or '{KeyScopes.Publish}'");
        }
        // Keys are issued for a live runtime workspace or a configured one.
        RuntimeWorkspace? runtime = null;
        if (!configured.Contains(id) && (runtime = await store.GetWorkspaceAsync(id)) is null or { State: WorkspaceState.Deleted })
        {
            return AdminErrors.NoWorkspace(id);
        }
        string secret = RuntimeKeyMaterial.NewKey();
        var key = new RuntimeKey(RuntimeKeyMaterial.NewId(), id, scope, KeyHash.Of(secret), time.GetUtcNow());
        if (!await store.PutKeysAsync(key, workspace: runtime))
        {
            return AdminErrors.Conflict($"workspace '{id}'");
        }
        await ForgetExpiredAsync(id, store, directory, time);
        AdminLog.KeyIssued(loggers.CreateLogger(AdminLog.Category), key.Id, id, KeyScopes.Name(scope));
        return Results.Json(KeyResponse.From(key, secret), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static IResult List(string id, WorkspaceDirectory directory, ConfiguredWorkspaces configured, TimeProvider time)
    {
        if (directory.Find(id) is not { State: not WorkspaceState.Deleted } && !configured.Contains(id))
        {
            return AdminErrors.NoWorkspace(id);
        }
        var now = time.GetUtcNow();
        var keys = directory.KeysOf(id).Where(k => k.IsLive(now)).OrderBy(k => k.CreatedAt).Select(k => KeyResponse.From(k)).ToList();
        return Results.Json(new KeyListResponse(keys), ApiJson.Options);
    }

    /// <summary>A new key with the same scope; the old one keeps working for the overlap, then is refused everywhere.</summary>
    private static async Task<IResult> RotateAsync(
        string id, string keyId, HttpContext http, DirectoryStore store, WorkspaceDirectory directory, TimeProvider time, ILoggerFactory loggers)
    {
        var (request, bodyError) = await AdminJsonBody.ReadAsync(http, new RotateKeyRequest(null));
        if (bodyError is not null)
        {
            return bodyError;
        }
        int overlap = request!.OverlapSeconds ?? DefaultOverlapSeconds;
        if (overlap is < 0 or > MaxOverlapSeconds)
        {
            return ApiError.BadRequest("INVALID_OVERLAP", $"overlapSeconds must be between 0 and {MaxOverlapSeconds} (a week)");
        }
        var now = time.GetUtcNow();
        if (await store.GetKeyAsync(keyId) is not { } old || old.Workspace != id || !old.IsLive(now))
        {
            return AdminErrors.NoKey(id, keyId);
        }
        if (old.ExpiresAt is not null)
        {
            return new ApiError(StatusCodes.Status409Conflict, "KEY_ALREADY_ROTATED",
                $"key '{keyId}' was already rotated (to '{old.ReplacedBy}'); rotate that one instead");
        }
        string secret = RuntimeKeyMaterial.NewKey();
        var issued = new RuntimeKey(RuntimeKeyMaterial.NewId(), id, old.Scope, KeyHash.Of(secret), now);
        var expiring = old with { ExpiresAt = now + TimeSpan.FromSeconds(overlap), ReplacedBy = issued.Id };
        if (!await store.PutKeysAsync(issued, (old, expiring)))
        {
            return AdminErrors.Conflict($"key '{keyId}'");
        }
        await ForgetExpiredAsync(id, store, directory, time);
        AdminLog.KeyRotated(loggers.CreateLogger(AdminLog.Category), keyId, id, issued.Id, expiring.ExpiresAt!.Value);
        return Results.Json(new RotatedKeyResponse(KeyResponse.From(issued, secret), KeyResponse.From(expiring)), ApiJson.Options);
    }

    private static async Task<IResult> RevokeAsync(
        string id, string keyId, DirectoryStore store, WorkspaceDirectory directory, ILoggerFactory loggers)
    {
        if (await store.GetKeyAsync(keyId) is not { } key || key.Workspace != id)
        {
            return AdminErrors.NoKey(id, keyId);
        }
        await store.RemoveKeysAsync([keyId]);
        await directory.ReloadAsync();
        AdminLog.KeyRevoked(loggers.CreateLogger(AdminLog.Category), keyId, id);
        return Results.NoContent();
    }

    /// <summary>
    /// Reloads this instance's directory, first deleting the workspace's keys whose overlap is over:
    /// they are refused anyway, and would otherwise pile up, one per rotation.
    /// </summary>
    private static async Task ForgetExpiredAsync(string workspace, DirectoryStore store, WorkspaceDirectory directory, TimeProvider time)
    {
        await directory.ReloadAsync();
        var now = time.GetUtcNow();
        var expired = directory.KeysOf(workspace).Where(k => !k.IsLive(now)).Select(k => k.Id).ToList();
        if (expired.Count > 0)
        {
            await store.RemoveKeysAsync(expired);
            await directory.ReloadAsync();
        }
    }
}
