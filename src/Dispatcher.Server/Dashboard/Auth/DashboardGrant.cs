namespace Dispatcher.Server.Dashboard.Auth;

/// <summary>What a sign-in opens: a workspace, a scope, and the SHA-256 of the key used (null for a portal link).</summary>
public sealed record DashboardGrant(string Workspace, string Scope, string? KeyHash);
