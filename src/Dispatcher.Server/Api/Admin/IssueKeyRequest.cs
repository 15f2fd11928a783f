namespace Dispatcher.Server.Api.Admin;

/// <summary><c>POST /v1/admin/workspaces/{id}/keys</c>: <c>read</c>, <c>write</c> or <c>publish</c>.</summary>
public sealed record IssueKeyRequest(string? Scope);
