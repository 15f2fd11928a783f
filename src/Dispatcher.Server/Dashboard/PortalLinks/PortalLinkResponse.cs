namespace Dispatcher.Server.Dashboard.PortalLinks;

/// <summary>A minted portal link: hand <c>url</c> to the workspace's user; it signs in once, before <c>expiresAt</c>.</summary>
public sealed record PortalLinkResponse(string Url, string Workspace, string Scope, DateTimeOffset ExpiresAt);
