using Dispatcher.Server.Auth;
using Dispatcher.Server.Api;
using Dispatcher.Server.Api.Admin;
using Dispatcher.Server.Api.OpenApi;
using Dispatcher.Server.Configuration;
using Dispatcher.Server.Dashboard.Auth;
using Microsoft.Extensions.Options;

namespace Dispatcher.Server.Dashboard.PortalLinks;

/// <summary>
/// <c>POST /v1/admin/workspaces/{id}/portal-links</c>: the platform mints a short-lived, single-use
/// dashboard sign-in link for one workspace and hands it to its customer, who never holds a key.
/// </summary>
public static class PortalLinkEndpoints
{
    public const int MinTtlSeconds = 30;
    public const int MaxTtlSeconds = 3600;
    public const int DefaultTtlSeconds = 600;

    /// <summary>
    /// Under the operator API's path, policy and tag (mapped whether or not the dashboard is on, so a
    /// platform that asks while it is off hears why).
    /// </summary>
    public static void MapPortalLinks(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/v1/admin").RequireAuthorization(AdminRegistration.PolicyName).WithTags(AdminRegistration.Tag);
        admin.AddEndpointFilter<Utf8JsonBodyFilter>();
        admin.ProducesApiErrors(StatusCodes.Status401Unauthorized, StatusCodes.Status415UnsupportedMediaType);
        admin.MapPost("/workspaces/{id}/portal-links", CreateAsync)
            .WithName("CreatePortalLink")
            .WithSummary("Mint a dashboard sign-in link for a workspace")
            .WithDescription($"A link to `/dashboard/portal` that opens one dashboard session for the workspace, once, before `expiresAt` " +
                $"(`ttlSeconds` {MinTtlSeconds} to {MaxTtlSeconds}, default {DefaultTtlSeconds}). `scope` is `write` (default) or `read`. " +
                "The link is a bearer credential: send it to the user it is for only. The host is `Dispatcher:PublicUrl`, else the one this request named. " +
                "`409 DASHBOARD_DISABLED` when `Dispatcher:Dashboard:Enabled` is false.")
            .DescribesJsonBody<CreatePortalLinkRequest, RouteHandlerBuilder>()
            .Produces<PortalLinkResponse>(StatusCodes.Status201Created)
            .ProducesApiErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict)
            .WithMetadata(Example);
    }

    private static readonly OperationExample Example = OperatorApiExamples.Operator(new CreatePortalLinkRequest("write", DefaultTtlSeconds), new()
    {
        [StatusCodes.Status201Created] = new PortalLinkResponse(
            "https://dispatcher.example.com/dashboard/portal?token=5kQx2vJr8TnYw3mHc7LbZ0aFe9sDg4uPq1Wz6Xo2Ny8", "ws_acme", "write",
            new DateTimeOffset(2026, 11, 24, 9, 40, 0, TimeSpan.Zero)),
        [StatusCodes.Status400BadRequest] = ApiExamples.Error(ApiError.BadRequest("INVALID_TTL", $"ttlSeconds must be between {MinTtlSeconds} and {MaxTtlSeconds}")),
        [StatusCodes.Status404NotFound] = ApiExamples.Error(AdminErrors.NoWorkspace("ws_acme")),
        [StatusCodes.Status409Conflict] = ApiExamples.Error(Disabled),
    });

    private static ApiError Disabled => new(StatusCodes.Status409Conflict, "DASHBOARD_DISABLED",
        "the dashboard is turned off here (Dispatcher:Dashboard:Enabled=false), so a link would lead nowhere");

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
            return Disabled;
        }
        var (token, expiresAt) = await signIn.MintLinkAsync(id, scope, TimeSpan.FromSeconds(ttl));
        string root = options.Value.PublicUrl?.ToString().TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        string url = $"{root}/dashboard/portal?token={Uri.EscapeDataString(token)}";
        return Results.Json(new PortalLinkResponse(url, id, scope, expiresAt), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
