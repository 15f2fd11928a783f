using Dispatcher.Server.Auth;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Api.Admin;

/// <summary>
/// <c>POST /v1/admin/workspaces/{id}/portal-links</c>: the platform mints a short-lived, single-use
/// dashboard sign-in link for one workspace and hands it to its customer, who never holds a key.
/// </summary>
public static class PortalLinkEndpoints
{
    public const int MinTtlSeconds = 30;
    public const int MaxTtlSeconds = 3600;
    public const int DefaultTtlSeconds = 600;

    public static void MapPortalLinks(this RouteGroupBuilder admin)
    {
        admin.MapPost("/workspaces/{id}/portal-links", CreateAsync)
            .WithName("CreatePortalLink")
            .WithSummary("Mint a dashboard sign-in link for a workspace")
            .WithDescription($"A link to `/dashboard/portal` that opens one dashboard session for the workspace, once, before `expiresAt` " +
                $"(`ttlSeconds` {MinTtlSeconds} to {MaxTtlSeconds}, default {DefaultTtlSeconds}). `scope` is `write` (default) or `read`. " +
                "The link is a bearer credential: send it to the user it is for only. The host is `Dispatcher:PublicUrl`, else the one this request named. " +
                "`409 DASHBOARD_DISABLED` when `Dispatcher:Dashboard:Enabled` is false.")
            .DescribesJsonBody<CreatePortalLinkRequest, RouteHandlerBuilder>()
            .Produces<PortalLinkResponse>(StatusCodes.Status201Created)
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(
        string id, HttpContext http, DashboardSignIn signIn, DashboardAccess access, IOptions<DispatcherOptions> options)
    {
        var (request, bodyError) = await AdminJsonBody.ReadAsync(http, new CreatePortalLinkRequest(null, null));
        if (bodyError is not null)
        {
            return bodyError;
        }
        string scope = request!.Scope ?? KeyScopes.Write;
        if (scope is not (KeyScopes.Read or KeyScopes.Write))
        {
            return ApiError.BadRequest("INVALID_SCOPE", "scope must be 'read' or 'write' (a publish key has no dashboard)");
        }
        int ttl = request.TtlSeconds ?? DefaultTtlSeconds;
        if (ttl is < MinTtlSeconds or > MaxTtlSeconds)
        {
            return ApiError.BadRequest("INVALID_TTL", $"ttlSeconds must be between {MinTtlSeconds} and {MaxTtlSeconds}");
        }
        if (!access.Exists(id))
        {
            return AdminErrors.NoWorkspace(id);
        }
        if (!options.Value.Dashboard.Enabled)
        {
            return new ApiError(StatusCodes.Status409Conflict, "DASHBOARD_DISABLED",
                "the dashboard is turned off here (Dispatcher:Dashboard:Enabled=false), so a link would lead nowhere");
        }
        var (token, expiresAt) = await signIn.MintLinkAsync(id, scope, TimeSpan.FromSeconds(ttl));
        string root = options.Value.PublicUrl?.ToString().TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        string url = $"{root}/dashboard/portal?token={Uri.EscapeDataString(token)}";
        return Results.Json(new PortalLinkResponse(url, id, scope, expiresAt), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
