namespace Dispatcher.Redis.Dashboard;

/// <summary>A sign-in link an operator minted for one workspace's customer: usable once, until it expires.</summary>
public sealed record PortalLink(string Workspace, string Scope, DateTimeOffset ExpiresAt);
