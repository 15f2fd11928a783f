namespace Dispatcher.Server.Api.Admin;

/// <summary><c>GET /v1/admin/workspaces</c>: runtime and configured workspaces, by id.</summary>
public sealed record WorkspaceListResponse(IReadOnlyList<WorkspaceResponse> Data);
