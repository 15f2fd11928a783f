namespace Dispatcher.Server.Dashboard.PortalLinks;

/// <summary>
/// <c>POST /v1/admin/workspaces/{id}/portal-links</c>: what the link's session may do (<c>read</c> or
/// <c>write</c>, default <c>write</c>) and how long the link stays usable (default 600 s).
/// </summary>
public sealed record CreatePortalLinkRequest(string? Scope, int? TtlSeconds);
