namespace Dispatcher.Redis.Dashboard;

/// <summary>
/// What a dashboard session may do: one workspace, one scope (<c>read</c> or <c>write</c>), and how it
/// was opened. <paramref name="KeyHash"/> is the SHA-256 of the API key signed in with (null for a portal
/// link), so revoking that key ends the session; <paramref name="CsrfToken"/> is what the session's pages
/// send back on every write, so another site cannot write with the browser's cookie.
/// </summary>
public sealed record DashboardSession(
    string Workspace,
    string Scope,
    string? KeyHash,
    string CsrfToken,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
